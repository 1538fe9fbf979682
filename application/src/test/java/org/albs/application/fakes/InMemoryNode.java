package org.albs.application.fakes;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;

import java.util.Arrays;
import java.util.List;

import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.domain.identity.User;

/**
 * A build node over in-memory adapters, for tests that need built and imported builds: it uploads packages to the
 * in-memory artifact store (headers read from their file names) and reports tasks done; {@code runJobs} is the
 * test's own store job worker (with the kinds the test registered).
 */
public final class InMemoryNode {
    private final InMemoryAdapters a;
    private final BuildNodeService dispatch;
    private final User node;
    private final Runnable runJobs;
    private int sha;

    public InMemoryNode(InMemoryAdapters a, BuildNodeService dispatch, User node, Runnable runJobs) {
        this.a = a;
        this.dispatch = dispatch;
        this.node = node;
        this.runJobs = runJobs;
    }

    /** A package uploaded as a node uploads it: its artifact as build_done reports it. */
    public RawArtifact rpm(String name) {
        RawArtifact r = new RawArtifact(name, "rpm", "/pulp/api/v3/artifacts/" + name + "-" + (sha + 1) + "/",
                String.format("%064x", ++sha), null);
        a.artifactStore().upload(r.href(), r.sha256(), Packages.meta(name));
        return r;
    }

    /** Takes the next task of this arch and reports it done with these packages; the jobs then run. */
    public void report(String arch, String... files) {
        long task = dispatch.nextTask(node, new GetTaskCommand(List.of(arch), null)).orElseThrow().id();
        dispatch.buildDone(node, BuildDoneCommand.of(task, "done", Arrays.stream(files).map(this::rpm).toList(), null,
                null, null, null));
        runJobs.run();
    }

    /** A build of bash on AlmaLinux-9 x86_64, built and imported: its SRPM, bash and a noarch bash-doc. */
    public long bash(BuildService builds, User owner) {
        long id = builds.create(owner, build(platform("AlmaLinux-9", true, "x86_64"), "bash")).id();
        runJobs.run();
        report("src", "bash-5-1.el9.src.rpm");
        report("x86_64", "bash-5-1.el9.src.rpm", "bash-5-1.el9.x86_64.rpm", "bash-doc-5-1.el9.noarch.rpm");
        return id;
    }
}
