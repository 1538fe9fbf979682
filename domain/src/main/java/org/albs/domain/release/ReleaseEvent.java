package org.albs.domain.release;

/** What can happen to a release: a person's action, or the end of its commit or revert job. */
public enum ReleaseEvent {
    /** Its builds or plan are changed. */
    EDIT("edited"),
    /** Its plan is to be carried out (a commit job starts). */
    COMMIT("committed"),
    /** What its commit added is to be taken out again (a revert job starts). */
    REVERT("reverted"),
    /** It is deleted. */
    DELETE("deleted"),
    /** The commit job put every package in place. */
    COMMIT_DONE("marked committed"),
    /** The revert job took every package out. */
    REVERT_DONE("marked reverted"),
    /** The commit or revert job failed for good. */
    JOB_FAILED("marked failed");

    private final String verb;

    ReleaseEvent(String verb) {
        this.verb = verb;
    }

    /** The event as a past participle, for messages ("cannot be committed"). */
    public String verb() {
        return verb;
    }
}
