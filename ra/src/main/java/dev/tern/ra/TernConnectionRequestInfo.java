package dev.tern.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/** The credentials an application passed to {@code createConnection(user, password)}. */
record TernConnectionRequestInfo(String userName, String password) implements ConnectionRequestInfo {

    @Override
    public boolean equals(Object other) {
        return other instanceof TernConnectionRequestInfo info && Objects.equals(userName, info.userName)
                && Objects.equals(password, info.password);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(userName);
    }

    @Override
    public String toString() {
        return "TernConnectionRequestInfo[user=" + userName + "]";
    }
}
