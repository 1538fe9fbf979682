package org.albs.domain.builds;

import java.util.Locale;
import java.util.Optional;

/** How a build task ref names its sources: upstream's BuildTaskRefType, 1..4 on the wire. */
public enum RefType {
    GIT_BRANCH(1), GIT_TAG(2), SRPM_URL(3), GIT_REF(4);

    private final int code;

    RefType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<RefType> ofCode(int code) {
        for (RefType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** "git_branch", "git_tag", "srpm_url", "git_ref" (any case). */
    public static Optional<RefType> ofText(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
