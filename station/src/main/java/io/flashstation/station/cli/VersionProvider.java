package io.flashstation.station.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, so `--version` never disagrees with the build. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"flash-station " + (version == null ? "(development build)" : version)};
    }
}
