package org.albs.application.builds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.albs.application.port.in.builds.BuildPage;
import org.albs.application.port.in.builds.BuildPageQuery;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CancelBuildUseCase;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.application.port.in.builds.CreateBuildUseCase;
import org.albs.application.port.in.builds.DeleteBuildUseCase;
import org.albs.application.port.in.builds.FindBuildsUseCase;
import org.albs.application.port.in.builds.RestartFailedTasksUseCase;
import org.albs.application.port.out.BuildQueries;
import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.PlatformFlavours;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Transactions;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.StoreJobs;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildPlanner;
import org.albs.domain.builds.BuildDeletion;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.PlatformTarget;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.User;
import org.albs.domain.product.Product;
import org.albs.domain.team.Action;
import org.albs.application.team.Access;
import org.albs.domain.lease.Change;
import org.albs.domain.platform.Platform;

/** Builds as users see them: create, list, show, restart, cancel, delete. */
public class BuildService implements CreateBuildUseCase, FindBuildsUseCase, RestartFailedTasksUseCase,
        CancelBuildUseCase, DeleteBuildUseCase {
    private final Builds builds;
    private final PlatformFlavours flavours;
    private final BuildQueries queries;
    private final BuildTaskQueue queue;
    private final Platforms platforms;
    private final StoreJobs jobs;
    private final BuildArtifacts artifacts;
    private final Transactions tx;
    private final Clock clock;
    private final Access access;

    public BuildService(Builds builds, BuildQueries queries, BuildTaskQueue queue, Platforms platforms,
                        PlatformFlavours flavours, StoreJobs jobs, BuildArtifacts artifacts, Access access,
                        Transactions tx, Clock clock) {
        this.flavours = flavours;
        this.access = access;
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.builds = builds;
        this.queries = queries;
        this.queue = queue;
        this.platforms = platforms;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public BuildView create(User actor, CreateBuildCommand cmd) {
        long id = tx.inTransaction(() -> {
            Problems p = new Problems();
            Map<String, Platform> known = platforms.findByNames(
                            cmd.platforms().stream().map(CreateBuildCommand.PlatformEntry::name).toList())
                    .stream().collect(Collectors.toMap(Platform::name, Function.identity()));
            List<PlatformTarget> targets = new ArrayList<>();
            for (int i = 0; i < cmd.platforms().size(); i++) {
                CreateBuildCommand.PlatformEntry e = cmd.platforms().get(i);
                Platform platform = known.get(e.name());
                if (platform == null) {
                    p.add("Unknown platform '" + e.name() + "'", "value_error", "platforms", i, "name");
                    continue;
                }
                for (int j = 0; j < e.archList().size(); j++) {
                    if (!platform.archList().contains(e.archList().get(j))) {
                        p.add("Platform '" + e.name() + "' does not support arch '" + e.archList().get(j)
                                + "' (it has " + platform.archList() + ")", "value_error", "platforms", i,
                                "arch_list", j);
                    }
                }
                targets.add(new PlatformTarget(platform, e.archList(), Boolean.TRUE.equals(e.independentTasks())));
            }
            List<Long> missing = builds.missing(cmd.linkedBuilds());
            if (!missing.isEmpty()) {
                p.add("Unknown linked builds " + missing, "value_error", "linked_builds");
            }
            if (!cmd.platformFlavors().isEmpty()) {
                Set<Long> unknown = new LinkedHashSet<>(cmd.platformFlavors());
                flavours.findByIds(cmd.platformFlavors()).forEach(f -> unknown.remove(f.id()));
                if (!unknown.isEmpty()) {
                    p.add("Unknown platform flavours " + unknown, "value_error", "platform_flavors");
                }
            }
            Optional<Product> product = cmd.productId() == null ? Optional.empty() : productOf(cmd.productId(), p);
            p.throwIfAny();
            product.ifPresent(pr -> access.requireOnProduct(actor, pr, Action.CREATE_BUILD));
            List<BuildTaskRef> refs = cmd.tasks().stream().map(CreateBuildCommand.RefEntry::toRef).toList();
            BuildPlan plan = BuildPlanner.plan(targets, refs, cmd.mockOptions(), cmd.secureBoot());
            Instant now = clock.instant();
            long buildId = builds.create(new Builds.NewBuild(actor.id(), cmd.mockOptions(), cmd.secureBoot(),
                    cmd.productId(), cmd.linkedBuilds(), cmd.platformFlavors()), refs, plan, now);
            // its tasks wait until the job has made the build's repositories in the artifact store
            jobs.enqueue(StoreJob.waiting(StoreJobKind.CREATE_REPOSITORIES, StoreJob.Subject.build(buildId), now));
            return buildId;
        });
        return get(id);
    }

    @Override
    public BuildPage page(BuildPageQuery query) {
        return tx.inTransaction(() -> {
            BuildQueries.Page page = queries.page(query.filter(), query.offset(), BuildPageQuery.PAGE_SIZE);
            return new BuildPage(queries.views(page.ids(), false).stream().map(BuildView::withoutOwnerEmail)
                    .toList(), page.total(), query.pageNumber());
        });
    }

    @Override
    public BuildView get(long id) {
        return tx.inTransaction(() -> queries.view(id)).map(BuildView::withoutOwnerEmail)
                .orElseThrow(() -> new NotFoundException("Build with build_id=" + id + " is not found"));
    }

    @Override
    public BuildView.Artifact artifact(long artifactId) {
        return tx.inTransaction(() -> queries.artifact(artifactId))
                .orElseThrow(() -> new NotFoundException("Artifact with id " + artifactId + " is not found"));
    }

    /**
     * Failed tasks go back to the queue as the restart plan orders them. Every task the plan restarts or makes a
     * restarted task wait for is locked first, in id order, and must still be as the plan saw it: a task that
     * changed meanwhile (a concurrent restart, a node claiming an idle one) makes the plan stale, and the user is
     * asked to try again rather than a task left waiting for one that already ended.
     */
    @Override
    public void restartFailed(User actor, long buildId, boolean parallel) {
        tx.run(() -> {
            Instant now = clock.instant();
            requireOwner(actor, buildId, Action.CREATE_BUILD);
            List<RestartPlanner.Candidate> candidates = builds.restartCandidates(buildId);
            RestartPlanner.RestartPlan plan = parallel ? RestartPlanner.parallel(candidates)
                    : RestartPlanner.sequential(candidates);
            if (plan.isEmpty()) {
                return;
            }
            Map<Long, RestartPlanner.Candidate> seen = candidates.stream()
                    .collect(Collectors.toMap(RestartPlanner.Candidate::id, Function.identity()));
            TreeSet<Long> involved = new TreeSet<>(plan.restart());
            plan.dependencies().forEach(d -> involved.add(d[1]));
            Map<Long, BuildTask> locked = new HashMap<>();
            for (long id : involved) {
                BuildTask task = queue.lock(id).orElse(null);
                if (task == null || task.status() != seen.get(id).status()) {
                    throw new ConflictException("Build " + buildId + " changed while restarting; try again");
                }
                locked.put(id, task);
            }
            for (long taskId : plan.restart()) {
                queue.save(locked.get(taskId).restart(actor.id(), plan.clearSrpm().contains(taskId), now));
            }
            queue.addDependencies(plan.dependencies());
            OpenTaskCounts counts = new OpenTaskCounts();
            counts.add(buildId, plan.restart().size());
            counts.writeTo(builds, now);
        });
    }

    @Override
    public void cancel(User actor, long buildId) {
        tx.run(() -> {
            Instant now = clock.instant();
            requireOwner(actor, buildId, Action.CREATE_BUILD);
            OpenTaskCounts counts = new OpenTaskCounts();
            List<BuildTask> cancelled = new ArrayList<>();
            for (BuildTask task : queue.lockIdle(buildId)) {
                Change<BuildTask> change = task.cancel(actor.id(), now);
                queue.save(change);
                cancelled.add(change.work());
                counts.add(buildId, -1);
            }
            cancelled.forEach(queue::releaseDependants);
            counts.writeTo(builds, now);
        });
    }

    @Override
    public void delete(User actor, long buildId) {
        tx.run(() -> {
            Builds.BuildHeader header = requireOwner(actor, buildId, Action.DELETE_BUILD);
            BuildDeletion.requireDeletable(buildId, header.released(), builds.productsOf(buildId));
            List<ArtifactStore.StoredRepository> repositories = artifacts.removeRepositories(buildId);
            builds.delete(buildId);
            if (!repositories.isEmpty()) {
                Map<String, String> handles = new java.util.LinkedHashMap<>();
                repositories.forEach(r -> handles.put(r.name(), r.handle()));
                jobs.enqueue(StoreJob.deletion(buildId, handles, clock.instant()));
            }
        });
    }

    /** The product a build is created for; an unknown one is a problem at {@code product_id}. */
    private Optional<Product> productOf(long productId, Problems p) {
        Optional<Product> product = access.findProduct(productId);
        if (product.isEmpty()) {
            p.add("Product with id " + productId + " is not found", "value_error", "product_id");
        }
        return product;
    }

    private Builds.BuildHeader requireOwner(User actor, long buildId, Action action) {
        Builds.BuildHeader header = builds.find(buildId)
                .orElseThrow(() -> new NotFoundException("Build with build_id=" + buildId + " is not found"));
        access.requireOnBuild(actor, header, action);
        return header;
    }
}
