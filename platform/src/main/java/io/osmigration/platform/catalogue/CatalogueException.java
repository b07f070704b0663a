package io.osmigration.platform.catalogue;

import java.util.List;

/** The catalogue is not usable; the message lists every problem found, each naming the entry it is in. */
public class CatalogueException extends RuntimeException {

    private final List<String> problems;

    public CatalogueException(String origin, List<String> problems) {
        super("The migration catalogue " + origin + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
