package org.albs.application.sources;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.application.port.in.builds.CreateBuildUseCase;
import org.albs.application.port.in.sources.HandleGitPushUseCase;
import org.albs.application.port.out.GitHosting;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.ProjectIndex;
import org.albs.application.port.out.PushEvents;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.builds.RefType;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Arch;
import org.albs.domain.platform.Platform;
import org.albs.domain.sources.BuildTargetRules;
import org.albs.domain.sources.GitPush;
import org.albs.domain.sources.ProjectEntry;

/**
 * Turns git host pushes into work. A tag push the rules map to platforms becomes one build, owned by the service
 * user, created in-process; the push is recorded in the same transaction, so the same (repository, tag, commit)
 * delivered twice, or to two instances, makes one build. A branch push refreshes that project's index entry.
 */
public class GitPushService implements HandleGitPushUseCase {
    private static final Logger LOG = Logger.getLogger(GitPushService.class.getName());

    private final BuildTargetRules rules;
    private final String serviceUserEmail;
    private final Set<String> indexedOrganisations;
    private final CreateBuildUseCase builds;
    private final Users users;
    private final Platforms platforms;
    private final PushEvents events;
    private final ProjectIndex index;
    private final Optional<GitHosting> git;
    private final Transactions tx;
    private final Clock clock;

    public GitPushService(BuildTargetRules rules, String serviceUserEmail, Set<String> indexedOrganisations,
                          CreateBuildUseCase builds, Users users, Platforms platforms, PushEvents events,
                          ProjectIndex index, Optional<GitHosting> git, Transactions tx, Clock clock) {
        this.rules = rules;
        this.serviceUserEmail = serviceUserEmail;
        this.indexedOrganisations = Set.copyOf(indexedOrganisations);
        this.builds = builds;
        this.users = users;
        this.platforms = platforms;
        this.events = events;
        this.index = index;
        this.git = git;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public PushOutcome handle(GitPush push) {
        if (push.isDeletion()) {
            return new PushOutcome(PushOutcome.Kind.IGNORED, null, "the push deletes " + push.ref());
        }
        if (push.isBranch()) {
            return refreshIndex(push);
        }
        if (!push.isTag()) {
            return new PushOutcome(PushOutcome.Kind.IGNORED, null, "neither a tag nor a branch: " + push.ref());
        }
        Optional<List<BuildTargetRules.Target>> targets = rules.targetsFor(push.repository(), push.tag());
        if (targets.isEmpty()) {
            return new PushOutcome(PushOutcome.Kind.UNMAPPED, null, "no build target rule matches "
                    + push.repository() + " tag " + push.tag());
        }
        return tx.inTransaction(() -> {
            if (!events.record(push, clock.instant())) {
                return new PushOutcome(PushOutcome.Kind.DUPLICATE, events.buildOf(push).orElse(null),
                        "already built: " + push);
            }
            User owner = users.findByEmail(serviceUserEmail).filter(User::active)
                    .orElseThrow(() -> new IllegalStateException("the listener's service user " + serviceUserEmail
                            + " does not exist or is inactive"));
            BuildView build = builds.create(owner, command(push, targets.get()));
            events.attachBuild(push, build.id());
            return new PushOutcome(PushOutcome.Kind.CREATED, build.id(), "build " + build.id() + " from " + push);
        });
    }

    private CreateBuildCommand command(GitPush push, List<BuildTargetRules.Target> targets) {
        Map<String, Platform> known = platforms.findByNames(targets.stream().map(BuildTargetRules.Target::platform)
                .toList()).stream().collect(Collectors.toMap(Platform::name, Function.identity()));
        List<CreateBuildCommand.PlatformEntry> entries = new ArrayList<>();
        for (BuildTargetRules.Target t : targets) {
            List<String> arches = t.arches();
            if (arches.isEmpty()) {
                Platform p = known.get(t.platform());
                // an unknown platform is reported by the build's own validation
                arches = p == null ? List.of("x86_64") : p.archList().stream().filter(Arch.BUILDABLE::contains)
                        .distinct().sorted(Comparator.naturalOrder()).toList();
            }
            entries.add(new CreateBuildCommand.PlatformEntry(t.platform(), arches, false, false));
        }
        return new CreateBuildCommand(entries, List.of(new CreateBuildCommand.RefEntry(push.cloneUrl(), push.tag(),
                RefType.GIT_TAG, push.commit(), null, null, false)), null, null, null, false, null);
    }

    private PushOutcome refreshIndex(GitPush push) {
        String org = push.owner();
        if (!indexedOrganisations.contains(org)) {
            return new PushOutcome(PushOutcome.Kind.IGNORED, null, org + " is not an indexed organisation");
        }
        ProjectEntry entry;
        if (git.isPresent()) {
            Optional<GitHosting.HostedRepository> repo = git.get().repository(push.repository());
            if (repo.isEmpty()) {
                return new PushOutcome(PushOutcome.Kind.IGNORED, null, push.repository() + " is unknown to the host");
            }
            GitHosting.HostedRepository r = repo.get();
            entry = new ProjectEntry(r.name(), r.fullName(), r.cloneUrl(), git.get().tags(r.fullName()),
                    git.get().branches(r.fullName()), r.updatedAt());
        } else {
            // no git host to ask: the index learns the pushed branch from the event itself
            ProjectEntry known = index.read(org).get(push.repository());
            String name = push.repository().substring(push.repository().indexOf('/') + 1);
            entry = known != null ? known.withBranch(push.branch())
                    : new ProjectEntry(name, push.repository(), push.cloneUrl(), List.of(), List.of(push.branch()),
                    null);
        }
        index.put(org, entry);
        LOG.fine(() -> "index entry of " + push.repository() + " refreshed");
        return new PushOutcome(PushOutcome.Kind.INDEX_REFRESHED, null, push.repository());
    }
}
