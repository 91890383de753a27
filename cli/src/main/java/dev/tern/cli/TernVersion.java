package dev.tern.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code tern --version}: the one in the jar's manifest, if any. */
final class TernVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TernVersion.class.getPackage().getImplementationVersion();
        return new String[] {"Tern " + (version == null ? "(development build)" : version)};
    }
}
