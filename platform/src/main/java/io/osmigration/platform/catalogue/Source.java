package io.osmigration.platform.catalogue;

/**
 * A public source a recipe or path relies on: a vendor page ({@code url}) or a file of an upstream repository
 * ({@code repository} + {@code path}); {@code note} says how to find it when neither names it exactly.
 */
public record Source(String id, String title, String url, String repository, String path, String note) {

    /** Where to read it, in one line (for docs and findings). */
    public String reference() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (repository != null && !repository.isBlank()) {
            return repository + (path == null || path.isBlank() ? "" : " — " + path);
        }
        return note == null ? "" : note;
    }
}
