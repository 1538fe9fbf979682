package org.albs.application.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.albs.application.port.in.platform.CreatePlatformUseCase;
import org.albs.application.port.in.platform.LinkRepositoriesUseCase;
import org.albs.application.port.in.platform.ListPlatformsUseCase;
import org.albs.application.port.in.platform.LoadReferenceDataUseCase;
import org.albs.application.port.in.platform.ModifyPlatformUseCase;
import org.albs.application.port.in.platform.PlatformSpec;
import org.albs.application.port.in.platform.RepositorySpec;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Arch;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

/** Platforms and their base repositories. Only superusers change them (upstream checked nothing). */
public class PlatformService implements ListPlatformsUseCase, CreatePlatformUseCase, ModifyPlatformUseCase,
        LinkRepositoriesUseCase, LoadReferenceDataUseCase {
    private static final Set<String> TYPES = Set.of("rpm", "deb");
    private static final int MAX_NAME = 100;

    private final Platforms platforms;
    private final Repositories repositories;
    private final Transactions tx;

    public PlatformService(Platforms platforms, Repositories repositories, Transactions tx) {
        this.platforms = platforms;
        this.repositories = repositories;
        this.tx = tx;
    }

    @Override
    public List<Platform> list() {
        return tx.inTransaction(platforms::listNonReference);
    }

    @Override
    public Platform create(User actor, PlatformSpec spec) {
        actor.requireSuperuser();
        return create(spec);
    }

    private Platform create(PlatformSpec spec) {
        validate(spec, true);
        return tx.inTransaction(() -> {
            if (platforms.lockByName(spec.name()).isPresent()) {
                throw new ConflictException("Platform with name '" + spec.name() + "' already exists");
            }
            List<Repository> repos = upsertAll(spec.repos());
            List<String> refs = existingReferences(spec.referencePlatforms());
            Platform fresh = new Platform(null, spec.name(), spec.type(), spec.distrType(), spec.distrVersion(),
                    spec.testDistName() != null ? spec.testDistName() : defaultTestDistName(spec.name()),
                    spec.contactMail(), spec.copyright(), spec.pgpKey(), spec.priority(), spec.archList(),
                    spec.copyPriorityArches(), spec.weakArchList(),
                    spec.data() != null ? spec.data() : Map.of(), spec.modularity(),
                    Boolean.TRUE.equals(spec.isReference()), repos, refs);
            return platforms.insert(fresh);
        });
    }

    /**
     * Overwrites the given fields. When {@code repos} is given, the platform's repositories become exactly those
     * (upserted by name, arch, type, debug); repositories left out are unlinked from this platform, never deleted,
     * so other platforms and builds that use them keep them.
     */
    @Override
    public Platform modify(User actor, PlatformSpec spec) {
        actor.requireSuperuser();
        return modify(spec);
    }

    private Platform modify(PlatformSpec spec) {
        validate(spec, false);
        return tx.inTransaction(() -> {
            Platform old = platforms.lockByName(spec.name())
                    .orElseThrow(() -> new NotFoundException("Platform with name '" + spec.name() + "' is not found"));
            List<Repository> repos = spec.repos() != null && !spec.repos().isEmpty()
                    ? upsertAll(spec.repos()) : old.repositories();
            List<String> refs = spec.referencePlatforms() != null
                    ? existingReferences(spec.referencePlatforms()) : old.referencePlatforms();
            Platform changed = new Platform(old.id(), old.name(),
                    or(spec.type(), old.type()), or(spec.distrType(), old.distrType()),
                    or(spec.distrVersion(), old.distrVersion()), or(spec.testDistName(), old.testDistName()),
                    or(spec.contactMail(), old.contactMail()), or(spec.copyright(), old.copyright()),
                    or(spec.pgpKey(), old.pgpKey()), or(spec.priority(), old.priority()),
                    or(spec.archList(), old.archList()), or(spec.copyPriorityArches(), old.copyPriorityArches()),
                    or(spec.weakArchList(), old.weakArchList()), or(spec.data(), old.data()),
                    or(spec.modularity(), old.modularity()), or(spec.isReference(), old.reference()),
                    repos, refs);
            return platforms.update(changed);
        });
    }

    /**
     * Creates or updates every platform of a reference-data file in one transaction; idempotent. Run by the
     * operator's start-up configuration, so it needs no caller.
     */
    @Override
    public List<Platform> loadReferenceData(List<PlatformSpec> specs) {
        return tx.inTransaction(() -> {
            List<Platform> loaded = new ArrayList<>();
            for (PlatformSpec spec : specs) {
                boolean exists = spec != null && spec.name() != null && platforms.lockByName(spec.name()).isPresent();
                loaded.add(exists ? modify(spec) : create(spec));
            }
            return loaded;
        });
    }

    @Override
    public Platform addRepositories(User actor, long platformId, List<Long> repositoryIds) {
        return changeRepositories(actor, platformId, repositoryIds, true);
    }

    @Override
    public Platform removeRepositories(User actor, long platformId, List<Long> repositoryIds) {
        return changeRepositories(actor, platformId, repositoryIds, false);
    }

    private Platform changeRepositories(User actor, long platformId, List<Long> ids, boolean add) {
        actor.requireSuperuser();
        Problems problems = new Problems();
        if (ids == null) {
            problems.add("Field required", "missing");
        } else {
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) == null || ids.get(i) <= 0) {
                    problems.add("repository id must be a positive integer", "value_error", i);
                }
            }
        }
        problems.throwIfAny();
        return tx.inTransaction(() -> {
            Platform old = platforms.findById(platformId)
                    .orElseThrow(() -> new NotFoundException("Platform with id " + platformId + " is not found"));
            old = platforms.lockByName(old.name()).orElseThrow();
            Set<Long> wanted = new LinkedHashSet<>(ids);
            List<Repository> found = repositories.findByIds(wanted);
            if (add && found.size() != wanted.size()) {
                Set<Long> missing = new LinkedHashSet<>(wanted);
                found.forEach(r -> missing.remove(r.id()));
                throw new NotFoundException("Repositories with ids " + missing + " are not found");
            }
            Map<Long, Repository> result = new LinkedHashMap<>();
            old.repositories().forEach(r -> result.put(r.id(), r));
            if (add) {
                found.forEach(r -> result.put(r.id(), r));
            } else {
                wanted.forEach(result::remove);
            }
            return platforms.update(new Platform(old.id(), old.name(), old.type(), old.distrType(),
                    old.distrVersion(), old.testDistName(), old.contactMail(), old.copyright(), old.pgpKey(),
                    old.priority(), old.archList(), old.copyPriorityArches(), old.weakArchList(), old.data(),
                    old.modularity(), old.reference(), List.copyOf(result.values()), old.referencePlatforms()));
        });
    }

    private List<Repository> upsertAll(List<RepositorySpec> specs) {
        return RepositorySpecs.upsertAll(repositories, specs);
    }

    private List<String> existingReferences(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(names);
        Set<String> found = new LinkedHashSet<>();
        platforms.findByNames(wanted).forEach(p -> found.add(p.name()));
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            new Problems().add("unknown reference platforms: " + wanted, "value_error", "reference_platforms")
                    .throwIfAny();
        }
        return List.copyOf(found);
    }

    private static void validate(PlatformSpec spec, boolean creating) {
        Problems p = new Problems();
        if (spec == null) {
            p.add("Field required", "missing").throwIfAny();
        }
        text(p, spec.name(), "name", true, MAX_NAME);
        if (spec.name() != null && !spec.name().matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            p.add("name may hold letters, digits, '.', '_', '+' and '-' only", "value_error", "name");
        }
        if (spec.type() != null && !TYPES.contains(spec.type()) || creating && spec.type() == null) {
            p.add("Input should be 'rpm' or 'deb'", spec.type() == null ? "missing" : "literal_error", "type");
        }
        text(p, spec.distrType(), "distr_type", creating, MAX_NAME);
        text(p, spec.distrVersion(), "distr_version", creating, MAX_NAME);
        text(p, spec.testDistName(), "test_dist_name", false, MAX_NAME);
        arches(p, spec.archList(), "arch_list", creating);
        arches(p, spec.copyPriorityArches(), "copy_priority_arches", false);
        RepositorySpecs.validate(p, spec.repos(), "repos");
        p.throwIfAny();
    }

    private static void text(Problems p, String v, String field, boolean required, int max) {
        if (v == null) {
            if (required) {
                p.add("Field required", "missing", field);
            }
        } else if (v.isBlank()) {
            p.add("must not be blank", "value_error", field);
        } else if (v.length() > max) {
            p.add("at most " + max + " characters", "string_too_long", field);
        }
    }

    private static void arches(Problems p, Collection<String> arches, String field, boolean required) {
        if (arches == null) {
            if (required) {
                p.add("Field required", "missing", field);
            }
            return;
        }
        if (required && arches.isEmpty()) {
            p.add("List should have at least 1 item", "too_short", field);
        }
        int i = 0;
        for (String a : arches) {
            if (!Arch.isValid(a)) {
                p.add("not an architecture name: " + a, "value_error", field, i);
            }
            i++;
        }
    }

    private static String defaultTestDistName(String name) {
        int dash = name.indexOf('-');
        return (dash > 0 ? name.substring(0, dash) : name).toLowerCase(Locale.ROOT);
    }

    private static <T> T or(T given, T old) {
        return given != null ? given : old;
    }
}
