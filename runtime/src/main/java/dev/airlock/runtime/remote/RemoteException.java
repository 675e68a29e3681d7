package dev.airlock.runtime.remote;

/** A remote server cannot be reached, refused the user, or answered something unusable. */
public final class RemoteException extends Exception {

    private final transient RemoteFailure failure;

    public RemoteException(RemoteFailure failure) {
        this(failure, null);
    }

    public RemoteException(RemoteFailure failure, Throwable cause) {
        super(failure.forPeople(), cause);
        this.failure = failure;
    }

    public RemoteFailure failure() {
        return failure;
    }
}
