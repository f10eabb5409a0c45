package io.flashstation.firmware.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A SHA-256 digest, always held as 64 lowercase hex digits: the identity of a firmware image. */
public record Sha256(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Checks the form; upper-case input is accepted and normalised so that pins copied from other tools match. */
    public Sha256 {
        hex = hex.trim().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 digest (64 hex digits expected): '" + hex + "'");
        }
    }

    /** Parses a digest written by an operator or read from a pin file. */
    public static Sha256 parse(String text) {
        return new Sha256(text);
    }

    /** The digest of a byte array. */
    public static Sha256 of(byte[] bytes) {
        MessageDigest md = newDigest();
        md.update(bytes);
        return fromDigest(md);
    }

    /** The digest of a file, streamed so that large files are not held in memory. */
    public static Sha256 of(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return fromDigest(md);
    }

    /** A fresh SHA-256 engine; every JDK must provide one, so its absence is a broken runtime. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** Completes an engine fed elsewhere (for example while a download streams). */
    public static Sha256 fromDigest(MessageDigest md) {
        return new Sha256(HexFormat.of().formatHex(md.digest()));
    }

    /** The first 12 digits, for human output where the full digest would drown the line. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}
