package io.flashstation.station.slot;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.DebugProbe;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.lab.VirtualProbeFactory;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.station.probes.ProbeDrivers;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A slot's look into its fixture, through every virtual probe class: boards come, go and are told apart. */
class BoardPresenceTest {

    static Iterable<String> kinds() {
        return VirtualProbeFactory.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aProbePluggedBackSeesTheBoardItsPredecessorLeftInTheFixture(String kind) throws Exception {
        Fixture fixture = new Fixture();
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(13));
        fixture.insert(board);
        try (VirtualUsbBus bus = new VirtualUsbBus()) {
            bus.plug(VirtualProbeFactory.create(kind, 1, fixture).orElseThrow(), "1-1");
            try (DebugProbe probe = ProbeDrivers.openFirst(bus).orElseThrow()) {
                assertThat(BoardPresence.look(probe)).isPresent();
                probe.clock().sleep(20_000_000_000L); // the board's time runs on while the old probe works
                assertThat(BoardPresence.look(probe)).isPresent();
            }
            bus.unplug("1-1");
            bus.plug(VirtualProbeFactory.create(kind, 1, fixture).orElseThrow(), "1-1");
            try (DebugProbe probe = ProbeDrivers.openFirst(bus).orElseThrow()) {
                assertThat(BoardPresence.look(probe).flatMap(BoardPresence.Sighting::uid))
                        .isEqualTo(Optional.of(board.uidHex()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void boardsComingAndGoingAreSeenWithTheirUids(String kind) throws Exception {
        Fixture fixture = new Fixture();
        try (VirtualUsbBus bus = new VirtualUsbBus()) {
            bus.plug(VirtualProbeFactory.create(kind, 1, fixture).orElseThrow(), "1-1");
            // opened with nothing in the fixture, as a probe plugged in between two boards is
            try (DebugProbe probe = ProbeDrivers.openFirst(bus).orElseThrow()) {
                assertThat(BoardPresence.look(probe)).isEmpty();
                VirtualBoard first = VirtualBoard.open(BoardConfig.labBoard(11));
                fixture.insert(first);
                assertThat(BoardPresence.look(probe).flatMap(BoardPresence.Sighting::uid))
                        .isEqualTo(Optional.of(first.uidHex()));
                fixture.remove();
                assertThat(BoardPresence.look(probe)).isEmpty();
                VirtualBoard second = VirtualBoard.open(BoardConfig.labBoard(12));
                fixture.insert(second);
                assertThat(BoardPresence.look(probe).flatMap(BoardPresence.Sighting::uid))
                        .isEqualTo(Optional.of(second.uidHex()));
            }
        }
    }
}
