package org.albs.application.port.in.builds;

import java.util.List;

import org.albs.domain.Problems;
import org.albs.domain.platform.Arch;

/** A node asks for work: the arches it builds (src only when it builds sources) and packages it refuses. */
public record GetTaskCommand(List<String> supportedArches, List<String> excludedPackages) {
    public static final int MAX_ITEMS = 100;

    public GetTaskCommand {
        Problems p = new Problems();
        if (supportedArches == null) {
            p.add("Field required", "missing", "supported_arches");
        } else if (supportedArches.size() > MAX_ITEMS) {
            p.add("at most " + MAX_ITEMS + " arches", "too_long", "supported_arches");
        } else {
            for (int i = 0; i < supportedArches.size(); i++) {
                if (!Arch.isValid(supportedArches.get(i))) {
                    p.add("not an architecture name", "value_error", "supported_arches", i);
                }
            }
        }
        if (excludedPackages != null) {
            if (excludedPackages.size() > 10_000) {
                p.add("at most 10000 entries", "too_long", "excluded_packages");
            }
            for (int i = 0; i < excludedPackages.size() && i < 10_000; i++) {
                String e = excludedPackages.get(i);
                if (e == null || e.length() > 255) {
                    p.add("must be a string of at most 255 characters", "value_error", "excluded_packages", i);
                }
            }
        }
        p.throwIfAny();
        supportedArches = List.copyOf(supportedArches);
        excludedPackages = excludedPackages == null ? List.of()
                : excludedPackages.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The arch whose repositories a task of {@code taskArch} gets: src builds use the node's own arch. */
    public String repositoryArch(String taskArch, List<String> platformArches) {
        if (!taskArch.equals(Arch.SRC)) {
            return taskArch;
        }
        return supportedArches.stream().filter(a -> !a.equals(Arch.SRC)).findFirst()
                .orElse(platformArches.isEmpty() ? Arch.SRC : platformArches.get(0));
    }
}
