package io.osmigration.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.osmigration.cli.Osm;
import io.osmigration.cli.api.OsmApi;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to osmigration: the API, the settings and the output streams of the {@code osm} it runs in. */
abstract class OsmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Osm osm() {
        return (Osm) spec.root().userObject();
    }

    OsmApi api() {
        return osm().api();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
