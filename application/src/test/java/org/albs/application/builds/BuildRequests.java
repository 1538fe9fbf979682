package org.albs.application.builds;

import java.util.Arrays;
import java.util.List;

import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.domain.builds.RefType;

/** Build requests as clients send them, and lookups in the views that come back. */
public final class BuildRequests {
    private BuildRequests() {
    }

    public static String url(String packageName) {
        return "https://git.almalinux.org/rpms/" + packageName + ".git";
    }

    public static CreateBuildCommand.RefEntry ref(String packageName) {
        return new CreateBuildCommand.RefEntry(url(packageName), "c9", RefType.GIT_BRANCH, null, null, null, false);
    }

    public static CreateBuildCommand.PlatformEntry platform(String name, boolean independent, String... arches) {
        return new CreateBuildCommand.PlatformEntry(name, List.of(arches), null, independent);
    }

    /** One package per ref, on one platform. */
    public static CreateBuildCommand build(CreateBuildCommand.PlatformEntry platform, String... packages) {
        return new CreateBuildCommand(List.of(platform), Arrays.stream(packages).map(BuildRequests::ref).toList(),
                null, null, null, null, null);
    }

    public static BuildView.Task task(BuildView build, String arch, int index) {
        return build.tasks().stream().filter(t -> t.arch().equals(arch) && t.index() == index).findFirst()
                .orElseThrow(() -> new AssertionError("no " + arch + " task for ref " + index));
    }

    public static long taskId(BuildView build, String arch, int index) {
        return task(build, arch, index).id();
    }
}
