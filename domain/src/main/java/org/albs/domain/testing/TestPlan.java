package org.albs.domain.testing;

import java.util.ArrayList;
import java.util.List;

import org.albs.domain.artifacts.ImportPlan;
import org.albs.domain.artifacts.PackageMeta;

/**
 * Which tests a completed build task gets: one per binary package it built for its architecture, with the package's
 * name, epoch, version and release as the store read them at import. Source packages and debuginfo/debugsource
 * packages are not tested; a noarch package is tested on the build task's architecture. Packages a task only carries
 * (the multilib i686 packages of an x86_64 task) are its sibling's to test.
 */
public final class TestPlan {
    /** A package of a build task as recorded at import: its file name and header. */
    public record Package(String fileName, PackageMeta meta) {
    }

    private TestPlan() {
    }

    public static List<TestTask> of(long buildId, long buildTaskId, String taskArch, int revision,
                                    List<Package> packages) {
        List<TestTask> tests = new ArrayList<>();
        for (Package p : packages) {
            PackageMeta m = p.meta();
            if (m == null || p.fileName().endsWith(".src.rpm") || m.arch().equals("src")
                    || ImportPlan.isDebug(p.fileName()) || isDebug(m.name())) {
                continue;
            }
            if (!m.isNoarch() && !m.arch().equals(taskArch)) {
                continue;
            }
            tests.add(TestTask.created(buildId, buildTaskId, revision,
                    new TestedPackage(m.name(), m.epoch(), m.version(), m.release()),
                    m.isNoarch() ? taskArch : m.arch()));
        }
        return tests;
    }

    private static boolean isDebug(String name) {
        return name.endsWith("-debuginfo") || name.endsWith("-debugsource") || name.contains("-debuginfo-");
    }
}
