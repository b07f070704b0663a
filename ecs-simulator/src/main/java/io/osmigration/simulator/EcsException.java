package io.osmigration.simulator;

/** An ECS error answer: code, HTTP status and message as ECS would send them. */
final class EcsException extends RuntimeException {

    private final String code;
    private final int status;

    EcsException(int status, String code, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    static EcsException missing(String parameter) {
        return new EcsException(400, "MissingParameter",
                "The input parameter \"" + parameter + "\" that is mandatory for processing this request is not supplied.");
    }

    static EcsException invalid(String parameter, String why) {
        return new EcsException(400, "InvalidParameter", "The specified parameter \"" + parameter + "\" is not valid. " + why);
    }

    static EcsException instanceNotFound(String id) {
        return new EcsException(404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist: " + id);
    }

    static EcsException diskNotFound(String id) {
        return new EcsException(404, "InvalidDiskId.NotFound", "The specified disk does not exist: " + id);
    }

    static EcsException snapshotNotFound(String id) {
        return new EcsException(404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist: " + id);
    }

    static EcsException invokeNotFound(String id) {
        return new EcsException(404, "InvalidInvokeId.NotFound", "The specified InvokeId does not exist: " + id);
    }

    static EcsException incorrectInstanceStatus(String id, String status) {
        return new EcsException(403, "IncorrectInstanceStatus",
                "The current status of the resource does not support this operation. Instance " + id + " is " + status + ".");
    }

    static EcsException throttling() {
        return new EcsException(400, "Throttling", "Request was denied due to request throttling.");
    }

    static EcsException idempotentMismatch() {
        return new EcsException(400, "IdempotentParameterMismatch",
                "The request uses the same client token as a previous, but non-identical request.");
    }
}
