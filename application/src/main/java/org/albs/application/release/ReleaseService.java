package org.albs.application.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.release.CommitReleaseUseCase;
import org.albs.application.port.in.release.FindReleasesUseCase;
import org.albs.application.port.in.release.NewReleaseCommand;
import org.albs.application.port.in.release.PlanReleaseUseCase;
import org.albs.application.port.in.release.ReleaseEditCommand;
import org.albs.application.port.in.release.ReleasePage;
import org.albs.application.port.in.release.ReleaseView;
import org.albs.application.port.out.PackageKnowledge;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.Releases;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.identity.User;
import org.albs.domain.product.Product;
import org.albs.domain.team.Action;
import org.albs.application.team.Access;
import org.albs.domain.platform.Platform;
import org.albs.domain.release.KnownPackage;
import org.albs.domain.release.PlanEdit;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleasePlan;
import org.albs.domain.release.ReleasePlanner;
import org.albs.domain.release.ReleaseStatus;
import org.albs.domain.release.TargetRepository;

/**
 * Release planning, edits, commit and revert requests, and the releases list. A plan is made in the request (from
 * the package data recorded at import and what the package knowledge base answers, asked outside any transaction);
 * commit and revert only change the release's status and enqueue the job that does the work, in one transaction.
 */
public class ReleaseService implements PlanReleaseUseCase, CommitReleaseUseCase, FindReleasesUseCase {
    /** The step of a release job that names its release. */
    public static final String RELEASE_STEP = "release";
    /** Releases listed without a page number, at most (upstream lists every release with its plan). */
    static final int UNPAGED_LIMIT = 100;

    private final Releases releases;
    private final Platforms platforms;
    private final Products products;
    private final Access access;
    private final Users users;
    private final PackageKnowledge knowledge;
    private final StoreJobs jobs;
    private final Transactions tx;
    private final Clock clock;

    public ReleaseService(Releases releases, Platforms platforms, Users users, Products products, Access access,
                          PackageKnowledge knowledge, StoreJobs jobs, Transactions tx, Clock clock) {
        this.access = access;
        this.releases = releases;
        this.products = products;
        this.platforms = platforms;
        this.users = users;
        this.knowledge = knowledge;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- planning -----------------------------------------------------------------------------------------------

    /** What a plan is made from, read in one transaction. */
    private record Basis(Platform platform, List<Long> buildIds, List<Long> taskIds, List<ReleasePackage> packages,
                         List<TargetRepository> repositories, List<PackageKnowledge.Distribution> distributions,
                         Map<String, Set<Long>> present, Map<Long, Map<String, String>> contents) {
    }

    @Override
    public ReleaseView create(User actor, NewReleaseCommand command) {
        return create(actor, command, Storing.ALWAYS).orElseThrow();
    }

    /**
     * What a caller (the automatic pipeline) does in the transaction that stores a new release: whether it is still
     * to be stored (checked under the caller's own locks; false: nothing is stored), and what else to write once it
     * is (it may commit the release).
     */
    public record Storing(Predicate<ReleasePlan> proceed, Consumer<Release> then) {
        static final Storing ALWAYS = new Storing(plan -> true, release -> { });
    }

    /** Plans a release as {@link #create(User, NewReleaseCommand)} does, with {@code storing} in its last transaction. */
    public Optional<ReleaseView> create(User actor, NewReleaseCommand command, Storing storing) {
        Basis basis = tx.inTransaction(() -> {
            if (command.productId() != null) {
                requireReleasable(actor, command.productId());
            }
            return basis(actor, command.builds(), command.buildTasks(), command.platformId(),
                    command.referencePlatformId());
        });
        ReleasePlan plan = plan(basis);
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            if (!storing.proceed().test(plan)) {
                return Optional.empty();
            }
            Release inserted = releases.insert(Release.scheduled(basis.buildIds(), basis.taskIds(),
                    basis.platform().id(), command.referencePlatformId(), command.productId(), plan, actor.id(),
                    now));
            if (storing == Storing.ALWAYS) {
                return Optional.of(view(inserted));
            }
            storing.then().accept(inserted);
            return Optional.of(view(releases.find(inserted.id()).orElse(inserted)));
        });
    }

    @Override
    public ReleaseView edit(User actor, long releaseId, ReleaseEditCommand command) {
        Release current = tx.inTransaction(() -> {
            Release r = existing(releases.find(releaseId), releaseId);
            access.requireOnRelease(actor, releaseId, r.owner(), r.productId(), Action.RELEASE_TO_PRODUCT);
            r.edit(r.buildIds(), r.buildTaskIds(), r.plan()); // refused now unless it may be edited
            return r;
        });
        List<Long> builds = command.builds().orElse(current.buildIds());
        List<Long> tasks = command.buildTasks().orElse(current.buildTaskIds());
        boolean replan = !builds.equals(current.buildIds()) || !tasks.equals(current.buildTaskIds());
        ReleasePlan plan;
        if (replan) {
            plan = plan(tx.inTransaction(() -> basis(actor, builds, tasks, current.platformId(),
                    current.referencePlatformId())));
        } else if (command.plan().isPresent()) {
            plan = tx.inTransaction(() -> {
                Platform platform = platform(current.platformId(), "platform_id");
                List<ReleasePackage> available = releases.packages(current.buildIds(), current.buildTaskIds(),
                        compatible(platform));
                ReleasePlan edited = PlanEdit.apply(command.plan().get(), available, current.plan());
                Map<String, Set<Long>> present = releases.presence(platform.id(), nevras(edited));
                ReleasePlan placed = edited.withPackages(edited.packages(), ReleasePlanner.presence(
                        edited.packages(), present));
                return placed.withHrefsFromRepos(ReleasePlanner.hrefsFromRepos(placed, contents(present)));
            });
        } else {
            plan = current.plan();
        }
        return tx.inTransaction(() -> {
            Release locked = existing(releases.lock(releaseId), releaseId);
            Release changed = locked.edit(builds, tasks, plan);
            releases.update(changed);
            return view(changed);
        });
    }

    /**
     * A release names the distribution's own product (its builds go to the platform's production repositories), and
     * the actor may release into it (upstream's {@code release_to_product}). A community product's builds reach its
     * own repositories by adding them to it (POST /api/v1/products/add/…), not by a release.
     */
    private void requireReleasable(User actor, long productId) {
        Product product = products.find(productId).orElseThrow(() -> new InvalidInputException(List.of(
                FieldProblem.of("product " + productId + " does not exist", "value_error", "product_id"))));
        if (product.community()) {
            throw new InvalidInputException(List.of(FieldProblem.of("product " + product.name() + " is a community"
                    + " product: releases go into the distribution's production repositories; add the build to the"
                    + " product instead (POST /api/v1/products/add/{build_id}/" + product.name() + "/)",
                    "value_error", "product_id")));
        }
        access.requireOnProduct(actor, product, Action.RELEASE_TO_PRODUCT);
    }

    /** What releases put into the production repositories already holding these NEVRAs (an empty map: no query). */
    private Map<Long, Map<String, String>> contents(Map<String, Set<Long>> present) {
        Set<Long> repos = new LinkedHashSet<>();
        present.values().forEach(repos::addAll);
        return repos.isEmpty() ? Map.of() : releases.contents(repos, present.keySet());
    }

    private static List<String> nevras(ReleasePlan plan) {
        return plan.packages().stream().map(p -> p.pkg().nevra()).distinct().toList();
    }

    /** Checks the builds and reads what their plan is made from. */
    private Basis basis(User actor, List<Long> buildIds, List<Long> taskIds, long platformId,
                        Long referencePlatformId) {
        List<FieldProblem> problems = new ArrayList<>();
        if (buildIds.isEmpty()) {
            problems.add(FieldProblem.of("a release needs at least one build", "value_error", "builds"));
        }
        List<Long> distinctBuilds = List.copyOf(new LinkedHashSet<>(buildIds));
        Platform platform = platforms.findById(platformId).orElse(null);
        if (platform == null) {
            problems.add(FieldProblem.of("platform " + platformId + " does not exist", "value_error",
                    "platform_id"));
        }
        Platform reference = null;
        if (referencePlatformId != null) {
            reference = platforms.findById(referencePlatformId).orElse(null);
            if (reference == null) {
                problems.add(FieldProblem.of("platform " + referencePlatformId + " does not exist", "value_error",
                        "reference_platform_id"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Set<Long> compatible = compatible(platform);
        Map<Long, Releases.BuildFacts> facts = releases.builds(distinctBuilds);
        for (int i = 0; i < distinctBuilds.size(); i++) {
            long id = distinctBuilds.get(i);
            Releases.BuildFacts build = facts.get(id);
            if (build == null) {
                problems.add(FieldProblem.of("build " + id + " does not exist", "value_error", "builds", i));
            } else if (!build.finished()) {
                problems.add(FieldProblem.of("build " + id + " is not finished", "value_error", "builds",
                        i));
            } else if (build.platformIds().stream().noneMatch(compatible::contains)) {
                problems.add(FieldProblem.of("build " + id + " was built for none of the platforms "
                        + platform.name() + " may release (its compatible_release_platforms)", "value_error",
                        "builds", i));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (long id : distinctBuilds) {
            if (!actor.superuser() && !actor.id().equals(facts.get(id).owner())) {
                throw new PermissionDeniedException("Only the owner of build " + id
                        + " or a superuser may release it");
            }
        }
        List<ReleasePackage> packages = releases.packages(distinctBuilds, taskIds, compatible);
        if (packages.isEmpty()) {
            throw new InvalidInputException(FieldProblem.of("the builds have no packages to release (no completed"
                    + " task of theirs on a platform " + platform.name() + " may release from)", "value_error",
                    taskIds.isEmpty() ? "builds" : "build_tasks"));
        }
        List<TargetRepository> repositories = releases.productionRepositories(platform.id()).stream()
                .map(r -> new TargetRepository(r.id(), r.name(), r.arch(), r.debug(),
                        r.storeUrl() != null ? r.storeUrl() : r.url(), 0, null)).toList();
        List<PackageKnowledge.Distribution> distributions = new ArrayList<>();
        List<Platform> references = reference != null ? List.of(reference)
                : platforms.findByNames(platform.referencePlatforms());
        references.forEach(p -> distributions.add(PackageKnowledge.Distribution.of(p)));
        distributions.add(PackageKnowledge.Distribution.of(platform));
        Map<String, Set<Long>> present = releases.presence(platform.id(),
                packages.stream().map(ReleasePackage::nevra).distinct().toList());
        return new Basis(platform, distinctBuilds, List.copyOf(new LinkedHashSet<>(taskIds)), packages,
                repositories, distributions, present, contents(present));
    }

    /**
     * The plan. Like upstream, the reference platforms are asked first and the platform itself only when none of
     * them knows the packages; the knowledge base not answering is a 503, never a plan that quietly sends
     * everything to devel.
     */
    private ReleasePlan plan(Basis basis) {
        List<KnownPackage> known = new ArrayList<>();
        if (knowledge.enabled()) {
            List<String> srpms = basis.packages().stream().map(p -> p.isSource() ? p.fullName() : p.sourceRpm())
                    .filter(s -> s != null && !s.isEmpty()).distinct().toList();
            List<PackageKnowledge.Distribution> ds = basis.distributions();
            for (int i = 0; i < ds.size() && known.isEmpty(); i++) {
                known.addAll(knowledge.projectPackages(ds.get(i), srpms));
            }
        }
        Platform platform = basis.platform();
        ReleasePlanner.Layout layout = new ReleasePlanner.Layout(cleanName(platform.name()),
                platform.distrVersion() == null ? "" : platform.distrVersion(), platform.archList(),
                basis.repositories());
        ReleasePlan plan = ReleasePlanner.plan(layout, basis.packages(), known, basis.present());
        return plan.withHrefsFromRepos(ReleasePlanner.hrefsFromRepos(plan, basis.contents()));
    }

    /** {@code AlmaLinux-8} → {@code almalinux}: the platform's distribution, as its repositories are named. */
    static String cleanName(String platformName) {
        return Platform.distributionName(platformName).toLowerCase(Locale.ROOT);
    }

    /** The platform and the platforms it may release builds of (its data's {@code compatible_release_platforms}). */
    Set<Long> compatible(Platform platform) {
        Set<Long> ids = new LinkedHashSet<>();
        ids.add(platform.id());
        Object names = platform.data().get("compatible_release_platforms");
        if (names instanceof Collection<?> list) {
            platforms.findByNames(list.stream().map(String::valueOf).toList()).forEach(p -> ids.add(p.id()));
        }
        return ids;
    }

    private Platform platform(long id, Object... path) {
        return platforms.findById(id).orElseThrow(() -> new InvalidInputException(
                new FieldProblem(List.of(path), "platform " + id + " does not exist", "value_error")));
    }

    // ---- commit, revert, delete ---------------------------------------------------------------------------------

    @Override
    public ReleaseView commit(User actor, long releaseId) {
        return start(actor, releaseId, StoreJobKind.COMMIT_RELEASE);
    }

    @Override
    public ReleaseView revert(User actor, long releaseId) {
        return start(actor, releaseId, StoreJobKind.REVERT_RELEASE);
    }

    /** The release goes IN_PROGRESS and its job is enqueued, in one transaction (or neither happens). */
    private ReleaseView start(User actor, long releaseId, StoreJobKind kind) {
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            Release r = existing(releases.lock(releaseId), releaseId);
            access.requireOnRelease(actor, releaseId, r.owner(), r.productId(), Action.RELEASE_TO_PRODUCT);
            Release started = kind == StoreJobKind.COMMIT_RELEASE ? r.commit(now) : r.revert(now);
            releases.update(started);
            jobs.enqueue(StoreJob.waiting(kind, StoreJob.Subject.build(r.buildIds().get(0)),
                    Map.of(RELEASE_STEP, "done:" + releaseId), now));
            return view(started);
        });
    }

    @Override
    public void delete(User actor, long releaseId) {
        tx.run(() -> {
            Release r = existing(releases.lock(releaseId), releaseId);
            access.requireOnRelease(actor, releaseId, r.owner(), r.productId(), Action.DELETE_RELEASE);
            r.requireDeletable();
            releases.delete(releaseId);
        });
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    @Override
    public ReleaseView find(long releaseId) {
        return tx.inTransaction(() -> view(existing(releases.find(releaseId), releaseId)));
    }

    @Override
    public ReleasePage page(int pageNumber, Optional<Long> platformId, Optional<Integer> status,
                            Optional<String> packageName, Optional<Long> productId) {
        if (pageNumber < 1) {
            throw new InvalidInputException(FieldProblem.of("pageNumber must be 1 or more", "value_error", "pageNumber"));
        }
        Releases.Filter filter = filter(platformId, status, packageName, productId);
        return tx.inTransaction(() -> new ReleasePage(releases.page(filter, (pageNumber - 1) * ReleasePage.PAGE_SIZE,
                ReleasePage.PAGE_SIZE).stream().map(this::view).toList(), releases.count(filter), pageNumber));
    }

    @Override
    public List<ReleaseView> all(Optional<Long> platformId, Optional<Integer> status, Optional<String> packageName,
                                 Optional<Long> productId) {
        Releases.Filter filter = filter(platformId, status, packageName, productId);
        return tx.inTransaction(() -> releases.page(filter, 0, UNPAGED_LIMIT).stream().map(this::view).toList());
    }

    private static Releases.Filter filter(Optional<Long> platformId, Optional<Integer> status,
                                          Optional<String> packageName, Optional<Long> productId) {
        Optional<ReleaseStatus> s = status.map(code -> ReleaseStatus.ofCode(code).orElseThrow(() ->
                new InvalidInputException(FieldProblem.of("unknown release status " + code + ": one of 1 (scheduled),"
                        + " 2 (in progress), 3 (completed), 4 (failed), 5 (reverted)", "value_error", "status"))));
        return new Releases.Filter(platformId, s, packageName.filter(n -> !n.isBlank()), productId);
    }

    private static Release existing(Optional<Release> release, long id) {
        return release.orElseThrow(() -> new NotFoundException("Release with ID " + id + " not found"));
    }

    private ReleaseView view(Release r) {
        UserSummary owner = users.findById(r.owner()).map(u -> new UserSummary(u.id().value(), u.username(),
                u.email(), u.active(), u.verified(), u.superuser())).orElse(null);
        return new ReleaseView(r, owner, platforms.findById(r.platformId()).orElse(null),
                r.productId() == null ? null : products.find(r.productId()).orElse(null));
    }
}
