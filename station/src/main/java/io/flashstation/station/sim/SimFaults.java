package io.flashstation.station.sim;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * How often each fault comes up among simulated boards, from {@code --sim-faults}: {@code none}, {@code some}
 * (a few percent of each), or a list such as {@code locked=0.1,wrong-chip=0.05,yank=0.02}.
 */
public final class SimFaults {

    /** No faults: every board is a good F411. */
    public static final SimFaults NONE = new SimFaults(Map.of());

    private final Map<SimFault, Double> odds;

    private SimFaults(Map<SimFault, Double> odds) {
        this.odds = odds.isEmpty() ? Map.of() : new EnumMap<>(odds);
    }

    /** Parses a specification; the message of the exception says what is allowed. */
    public static SimFaults parse(String spec) {
        String text = spec.trim().toLowerCase();
        if (text.equals("none") || text.isEmpty()) {
            return NONE;
        }
        Map<SimFault, Double> odds = new EnumMap<>(SimFault.class);
        if (text.equals("some")) {
            for (SimFault fault : SimFault.values()) {
                odds.put(fault, 0.04);
            }
            return new SimFaults(odds);
        }
        for (String item : text.split(",")) {
            String[] pair = item.split("=", 2);
            SimFault fault = Arrays.stream(SimFault.values()).filter(f -> f.id().equals(pair[0].trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + pair[0].trim()
                            + "' (known: " + known() + ")"));
            double p = pair.length == 2 ? probability(pair[1].trim(), fault) : 1.0;
            odds.put(fault, p);
        }
        double total = odds.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault probabilities add up to " + total + ", more than 1");
        }
        return new SimFaults(odds);
    }

    /** The fault for the next board, if it gets one. */
    public Optional<SimFault> draw(Random random) {
        double roll = random.nextDouble();
        for (Map.Entry<SimFault, Double> entry : odds.entrySet()) {
            roll -= entry.getValue();
            if (roll < 0) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    private static double probability(String text, SimFault fault) {
        try {
            double p = Double.parseDouble(text);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the probability of " + fault.id() + " must be a number from 0 to 1, not '"
                + text + "'");
    }

    private static String known() {
        return Arrays.stream(SimFault.values()).map(SimFault::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return odds.isEmpty() ? "none" : odds.entrySet().stream().map(e -> e.getKey().id() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
