package org.albs.application.builds;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.albs.application.port.out.BuildQueries;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.TaskQueue;
import org.albs.application.port.out.Transactions;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildPlanner;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.PlatformTarget;
import org.albs.domain.builds.RefType;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Arch;
import org.albs.domain.platform.Platform;

/** Builds as users see them: create, list, show, restart, cancel, delete. */
public class BuildService {
    public static final int PAGE_SIZE = 10;
    /** A build larger than this is almost certainly a mistake, and would hold a long transaction. */
    public static final int MAX_TASKS_PER_BUILD = 50_000;

    private final Builds builds;
    private final BuildQueries queries;
    private final TaskQueue queue;
    private final Platforms platforms;
    private final Transactions tx;
    private final Clock clock;

    public BuildService(Builds builds, BuildQueries queries, TaskQueue queue, Platforms platforms, Transactions tx,
                        Clock clock) {
        this.builds = builds;
        this.queries = queries;
        this.queue = queue;
        this.platforms = platforms;
        this.tx = tx;
        this.clock = clock;
    }

    /** Plans and stores the build with all its tasks in one transaction: never a build without tasks. */
    public BuildView create(User actor, CreateBuildCommand cmd) {
        Problems p = new Problems();
        validateShape(cmd, p);
        p.throwIfAny();
        long id = tx.inTransaction(() -> {
            Map<String, Platform> known = platforms.findByNames(
                            cmd.platforms().stream().map(CreateBuildCommand.PlatformEntry::name).toList())
                    .stream().collect(Collectors.toMap(Platform::name, Function.identity()));
            List<PlatformTarget> targets = new ArrayList<>();
            for (int i = 0; i < cmd.platforms().size(); i++) {
                CreateBuildCommand.PlatformEntry e = cmd.platforms().get(i);
                Platform platform = known.get(e.name());
                if (platform == null) {
                    p.add("Unknown platform '" + e.name() + "'", "value_error", "body", "platforms", i, "name");
                    continue;
                }
                for (int j = 0; j < e.archList().size(); j++) {
                    if (!platform.archList().contains(e.archList().get(j))) {
                        p.add("Platform '" + e.name() + "' does not support arch '" + e.archList().get(j)
                                + "' (it has " + platform.archList() + ")", "value_error", "body", "platforms", i,
                                "arch_list", j);
                    }
                }
                targets.add(new PlatformTarget(platform, e.archList(), Boolean.TRUE.equals(e.independentTasks())));
            }
            List<Long> linked = cmd.linkedBuilds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(cmd.linkedBuilds()));
            List<Long> missing = builds.missing(linked);
            if (!missing.isEmpty()) {
                p.add("Unknown linked builds " + missing, "value_error", "body", "linked_builds");
            }
            p.throwIfAny();
            List<BuildTaskRef> refs = cmd.tasks().stream().map(BuildService::toRef).toList();
            BuildPlan plan = BuildPlanner.plan(targets, refs, cmd.mockOptions(), Boolean.TRUE.equals(cmd.isSecureBoot()));
            return builds.create(new Builds.NewBuild(actor.id(), cmd.mockOptions(),
                    Boolean.TRUE.equals(cmd.isSecureBoot()), cmd.productId(), linked), refs, plan, clock.instant());
        });
        return get(id);
    }

    public BuildPage page(int pageNumber, BuildFilter filter) {
        if (pageNumber < 1) {
            new Problems().add("pageNumber must be 1 or more", "greater_than_equal", "query", "pageNumber").throwIfAny();
        }
        long offset = (long) (pageNumber - 1) * PAGE_SIZE;
        if (offset > Integer.MAX_VALUE) {
            new Problems().add("pageNumber is too large", "value_error", "query", "pageNumber").throwIfAny();
        }
        return tx.inTransaction(() -> {
            List<Long> ids = queries.page(filter, (int) offset, PAGE_SIZE);
            return new BuildPage(queries.views(ids, false), queries.count(filter), pageNumber);
        });
    }

    public BuildView get(long id) {
        return tx.inTransaction(() -> queries.view(id))
                .orElseThrow(() -> new NotFoundException("Build with build_id=" + id + " is not found"));
    }

    /** Failed tasks go back to the queue; {@code parallel} chooses upstream's parallel variant. */
    public void restartFailed(User actor, long buildId, boolean parallel) {
        tx.run(() -> {
            Instant now = clock.instant();
            requireOwner(actor, buildId, "restart");
            List<RestartPlanner.Candidate> candidates = builds.restartCandidates(buildId);
            RestartPlanner.RestartPlan plan = parallel ? RestartPlanner.parallel(candidates)
                    : RestartPlanner.sequential(candidates);
            for (long taskId : plan.restart()) {
                BuildTask task = queue.lock(taskId).orElseThrow();
                if (task.status() != org.albs.domain.builds.BuildTaskStatus.FAILED) {
                    // changed since the plan was read (a concurrent restart): the plan is stale, start over
                    throw new ConflictException("Build " + buildId + " changed while restarting; try again");
                }
                queue.save(task.restart(actor.id(), plan.clearSrpm().contains(taskId), now));
            }
            queue.addDependencies(plan.dependencies());
            if (!plan.isEmpty()) {
                builds.adjustOpenTasks(buildId, plan.restart().size(), now);
            }
        });
    }

    /** Idle tasks are cancelled; started ones run to their end. */
    public void cancel(User actor, long buildId) {
        tx.run(() -> {
            Instant now = clock.instant();
            requireOwner(actor, buildId, "cancel");
            List<BuildTask> idle = queue.lockIdle(buildId);
            List<BuildTask> cancelled = new ArrayList<>();
            for (BuildTask task : idle) {
                BuildTask.Change change = task.cancel(actor.id(), now);
                queue.save(change);
                cancelled.add(change.task());
            }
            cancelled.forEach(queue::releaseDependants);
            if (!idle.isEmpty()) {
                builds.adjustOpenTasks(buildId, -idle.size(), now);
            }
        });
    }

    public void delete(User actor, long buildId) {
        tx.run(() -> {
            Builds.BuildHeader header = requireOwner(actor, buildId, "delete");
            if (header.released()) {
                throw new ConflictException("Cannot delete Build=" + buildId + ": it is released");
            }
            builds.delete(buildId);
        });
    }

    private Builds.BuildHeader requireOwner(User actor, long buildId, String what) {
        Builds.BuildHeader header = builds.find(buildId)
                .orElseThrow(() -> new NotFoundException("Build with build_id=" + buildId + " is not found"));
        actor.requireOwnerOrSuperuser(header.owner(), what + " this build");
        return header;
    }

    private static BuildTaskRef toRef(CreateBuildCommand.RefEntry e) {
        return new BuildTaskRef(e.url(), e.gitRef(), refType(e.refType()).orElse(RefType.GIT_BRANCH),
                e.gitCommitHash(), e.mockOptions(), e.testConfiguration());
    }

    private static java.util.Optional<RefType> refType(Object raw) {
        if (raw == null) {
            return java.util.Optional.of(RefType.GIT_BRANCH);
        }
        if (raw instanceof Number n && n.doubleValue() == n.longValue()) {
            long code = n.longValue();
            // intValue() would wrap 2^32 + 1 to 1 and accept it as a git branch
            return code == (int) code ? RefType.ofCode((int) code) : java.util.Optional.empty();
        }
        if (raw instanceof String s) {
            return s.chars().allMatch(Character::isDigit) && !s.isEmpty() && s.length() < 3
                    ? RefType.ofCode(Integer.parseInt(s)) : RefType.ofText(s);
        }
        return java.util.Optional.empty();
    }

    private static void validateShape(CreateBuildCommand cmd, Problems p) {
        if (cmd.platforms() == null) {
            p.add("Field required", "missing", "body", "platforms");
        } else if (cmd.platforms().isEmpty()) {
            p.add("List should have at least 1 item", "too_short", "body", "platforms");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cmd.platforms().size(); i++) {
                CreateBuildCommand.PlatformEntry e = cmd.platforms().get(i);
                if (e == null) {
                    p.add("Input should be a valid dictionary", "dict_type", "body", "platforms", i);
                    continue;
                }
                if (e.name() == null || e.name().isBlank()) {
                    p.add("Field required", "missing", "body", "platforms", i, "name");
                } else if (!seen.add(e.name())) {
                    p.add("Platform '" + e.name() + "' is given twice", "value_error", "body", "platforms", i, "name");
                }
                if (e.archList() == null) {
                    p.add("Field required", "missing", "body", "platforms", i, "arch_list");
                } else if (e.archList().isEmpty()) {
                    p.add("List should have at least 1 item", "too_short", "body", "platforms", i, "arch_list");
                } else {
                    Set<String> arches = new HashSet<>();
                    for (int j = 0; j < e.archList().size(); j++) {
                        String arch = e.archList().get(j);
                        if (arch == null || !Arch.BUILDABLE.contains(arch)) {
                            p.add("Input should be one of " + Arch.BUILDABLE.stream().sorted().toList(),
                                    "literal_error", "body", "platforms", i, "arch_list", j);
                        } else if (!arches.add(arch)) {
                            p.add("arch '" + arch + "' is given twice", "value_error", "body", "platforms", i,
                                    "arch_list", j);
                        }
                    }
                }
            }
        }
        if (cmd.tasks() == null) {
            p.add("Field required", "missing", "body", "tasks");
        } else if (cmd.tasks().isEmpty()) {
            p.add("List should have at least 1 item", "too_short", "body", "tasks");
        } else {
            for (int i = 0; i < cmd.tasks().size(); i++) {
                CreateBuildCommand.RefEntry e = cmd.tasks().get(i);
                if (e == null) {
                    p.add("Input should be a valid dictionary", "dict_type", "body", "tasks", i);
                    continue;
                }
                if (e.module()) {
                    p.add("Module builds (BuildTaskModuleRef) are not supported by this server yet",
                            "value_error", "body", "tasks", i);
                    continue;
                }
                if (e.url() == null) {
                    p.add("Field required", "missing", "body", "tasks", i, "url");
                } else if (!isHttpUrl(e.url())) {
                    p.add("Input should be a valid URL (http or https)", "url_parsing", "body", "tasks", i, "url");
                }
                if (refType(e.refType()).isEmpty()) {
                    p.add("ref_type must be 1-4 or one of git_branch, git_tag, srpm_url, git_ref", "value_error",
                            "body", "tasks", i, "ref_type");
                }
                if (e.gitRef() != null && e.gitRef().length() > 1024) {
                    p.add("at most 1024 characters", "string_too_long", "body", "tasks", i, "git_ref");
                }
            }
        }
        if (cmd.platformFlavors() != null && !cmd.platformFlavors().isEmpty()) {
            p.add("Unknown platform flavours " + cmd.platformFlavors() + ": this server has no flavours yet",
                    "value_error", "body", "platform_flavors");
        }
        if (cmd.linkedBuilds() != null) {
            for (int i = 0; i < cmd.linkedBuilds().size(); i++) {
                Long b = cmd.linkedBuilds().get(i);
                if (b == null || b <= 0) {
                    p.add("build id must be a positive integer", "value_error", "body", "linked_builds", i);
                }
            }
        }
        if (p.isEmpty()) {
            long tasks = 0;
            for (CreateBuildCommand.PlatformEntry e : cmd.platforms()) {
                tasks += (long) cmd.tasks().size() * (e.archList().size() + 1);
            }
            if (tasks > MAX_TASKS_PER_BUILD) {
                p.add("The build would have " + tasks + " tasks; at most " + MAX_TASKS_PER_BUILD + " are allowed",
                        "value_error", "body", "tasks");
            }
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
