package org.albs.domain.lease;

import org.albs.domain.ConflictException;

/**
 * A holder's report on an item that is no longer its to finish: ended already, never handed out, or taken over by
 * another claimant after the caller's lease expired. Nothing changes; clients treat it as "already done".
 */
public class NotHeldException extends ConflictException {
    public NotHeldException(String message) {
        super(message);
    }
}
