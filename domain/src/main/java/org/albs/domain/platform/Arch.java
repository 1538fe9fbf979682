package org.albs.domain.platform;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Machine architecture names as RPM and the build nodes spell them. */
public final class Arch {
    public static final String SRC = "src";
    /** What a build may ask for (upstream's BuildCreate literal). */
    public static final Set<String> BUILDABLE = Set.of("x86_64", "x86_64_v2", "i686", "aarch64", "ppc64le", "s390x", "riscv64");
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9_]{1,50}");

    private Arch() {
    }

    public static boolean isValid(String name) {
        return name != null && SHAPE.matcher(name).matches();
    }

    /** i686 goes first, as upstream plans it, so 32-bit tasks get the lower ids. */
    public static List<String> planningOrder(List<String> arches) {
        if (!arches.contains("i686")) {
            return List.copyOf(arches);
        }
        var ordered = new java.util.ArrayList<String>();
        ordered.add("i686");
        arches.stream().filter(a -> !a.equals("i686")).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
