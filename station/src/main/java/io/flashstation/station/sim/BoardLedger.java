package io.flashstation.station.sim;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the simulated operators put on the fixtures: every board's UID and the fault it was given, if any. */
public final class BoardLedger {

    private final Map<String, Optional<SimFault>> boards = new ConcurrentHashMap<>();

    void placed(String uid, Optional<SimFault> fault) {
        boards.merge(uid, fault, (before, now) -> before.isPresent() ? before : now);
    }

    /** The fault the board with {@code uid} was given; empty for a good board or one never placed. */
    public Optional<SimFault> faultOf(String uid) {
        return boards.getOrDefault(uid, Optional.empty());
    }

    /** Whether a board with {@code uid} was ever placed. */
    public boolean placed(String uid) {
        return boards.containsKey(uid);
    }
}
