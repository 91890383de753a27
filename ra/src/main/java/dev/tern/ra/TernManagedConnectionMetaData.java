package dev.tern.ra;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Product name and version of the broker connection, and the user it authenticated as. */
record TernManagedConnectionMetaData(String version, String userName) implements ManagedConnectionMetaData {

    @Override
    public String getEISProductName() {
        return "Tern";
    }

    @Override
    public String getEISProductVersion() {
        return version;
    }

    /** No limit: a managed connection serves any number of handles, one session each. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return userName;
    }
}
