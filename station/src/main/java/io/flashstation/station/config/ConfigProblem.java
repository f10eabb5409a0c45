package io.flashstation.station.config;

/** A configuration value the station cannot work with, named by its key together with what the key allows. */
public final class ConfigProblem extends RuntimeException {

    public ConfigProblem(String key, String value, String allowed) {
        super("configuration " + key + "=" + value + " is not valid: expected " + allowed);
    }
}
