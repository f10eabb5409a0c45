package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.probe.Fixture;

/** A probe wired to a fixture, driven command by command as a host would, one packet in and its answer out. */
final class ProbeBench {

    final Fixture fixture = new Fixture();
    final CmsisDapProbe probe;
    private long hostNanos;

    ProbeBench(ProbeIdentity identity) {
        this.probe = new CmsisDapProbe(identity, fixture);
    }

    static ProbeBench daplink() {
        return new ProbeBench(ProbeIdentity.daplinkV1(1));
    }

    /** A probe with the scripted target in its fixture, connected in SWD mode. */
    static ProbeBench connectedTo(ScriptedTarget target) {
        ProbeBench bench = daplink();
        bench.fixture.insert(target);
        bench.exchange("02 01");
        return bench;
    }

    /** Sends one packet (arriving just after the previous answer was ready) and returns its answer in hex. */
    String exchange(String packet) {
        probe.receive(Hex.bytes(packet), hostNanos);
        CmsisDapProbe.Answer answer = probe.nextAnswer();
        hostNanos = answer.readyNanos();
        return Hex.of(answer.data());
    }
}
