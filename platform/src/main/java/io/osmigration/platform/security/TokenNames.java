package io.osmigration.platform.security;

/** What a token name may look like: it is the actor in the audit trail and shows in the dashboard. */
final class TokenNames {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private TokenNames() {
    }

    static boolean valid(String name) {
        return name != null && name.matches(PATTERN);
    }
}
