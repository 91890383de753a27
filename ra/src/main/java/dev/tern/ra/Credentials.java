package dev.tern.ra;

/**
 * The user and password a managed connection authenticated with; managed connections are matched to
 * requests by them.
 */
record Credentials(String userName, String password) {

    @Override
    public String toString() {
        return "Credentials[user=" + userName + "]";
    }
}
