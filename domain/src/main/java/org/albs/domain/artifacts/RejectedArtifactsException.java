package org.albs.domain.artifacts;

/** A task's reported artifacts cannot be imported as they are (duplicate names, a checksum mismatch ...). */
public class RejectedArtifactsException extends RuntimeException {
    public RejectedArtifactsException(String message) {
        super(message);
    }
}
