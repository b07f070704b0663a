package io.osmigration.simulator.guest;

/** What a tool printed and how it exited; stdout and stderr go to the caller's file descriptors 1 and 2. */
public record ToolResult(int exitCode, String stdout, String stderr) {

    public static ToolResult ok(String stdout) {
        return new ToolResult(0, stdout, "");
    }

    public static ToolResult fail(int code, String stderr) {
        return new ToolResult(code, "", stderr);
    }

    public static ToolResult fail(int code, String stdout, String stderr) {
        return new ToolResult(code, stdout, stderr);
    }
}
