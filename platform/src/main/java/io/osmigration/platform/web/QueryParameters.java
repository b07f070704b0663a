package io.osmigration.platform.web;

/** Checks of query parameters that fail as a 400 naming the parameter, the way every API pages its lists. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The parameter as a whole number in [min, max], or a 400 naming it. */
    public static int wholeNumber(String field, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalidField(field, "must be a whole number from " + min + " to " + max);
    }
}
