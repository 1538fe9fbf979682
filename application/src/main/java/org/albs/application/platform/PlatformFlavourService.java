package org.albs.application.platform;

import java.util.List;

import org.albs.application.port.in.platform.CreatePlatformFlavourUseCase;
import org.albs.application.port.in.platform.ListPlatformFlavoursUseCase;
import org.albs.application.port.in.platform.ModifyPlatformFlavourUseCase;
import org.albs.application.port.in.platform.PlatformFlavourSpec;
import org.albs.application.port.out.PlatformFlavours;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.identity.User;
import org.albs.domain.platform.PlatformFlavour;
import org.albs.domain.platform.Repository;

/** Platform flavours. Anybody may list them; only superusers change them (upstream only asked for a login). */
public class PlatformFlavourService implements ListPlatformFlavoursUseCase, CreatePlatformFlavourUseCase,
        ModifyPlatformFlavourUseCase {
    private static final int MAX_NAME = 100;

    private final PlatformFlavours flavours;
    private final Repositories repositories;
    private final Transactions tx;

    public PlatformFlavourService(PlatformFlavours flavours, Repositories repositories, Transactions tx) {
        this.flavours = flavours;
        this.repositories = repositories;
        this.tx = tx;
    }

    @Override
    public List<PlatformFlavour> listFlavours() {
        return tx.inTransaction(flavours::list);
    }

    @Override
    public PlatformFlavour createFlavour(User actor, PlatformFlavourSpec spec) {
        actor.requireSuperuser();
        validate(spec);
        return tx.inTransaction(() -> {
            if (flavours.lockByName(spec.name()).isPresent()) {
                throw new ConflictException("Platform flavour with name '" + spec.name() + "' already exists");
            }
            List<Repository> repos = RepositorySpecs.upsertAll(repositories, spec.repositories());
            return flavours.insert(new PlatformFlavour(null, spec.name(), repos, spec.modularity(), spec.data()));
        });
    }

    /**
     * Replaces the given fields of the flavour with that name: {@code modularity}, {@code data}, and, when
     * {@code repositories} is given, the flavour's repositories become exactly those (upstream appended them,
     * so a repository could never be taken away). Repositories left out are unlinked, never deleted.
     */
    @Override
    public PlatformFlavour modifyFlavour(User actor, PlatformFlavourSpec spec) {
        actor.requireSuperuser();
        validate(spec);
        return tx.inTransaction(() -> {
            PlatformFlavour old = flavours.lockByName(spec.name()).orElseThrow(
                    () -> new NotFoundException("Platform flavour with name '" + spec.name() + "' is not found"));
            List<Repository> repos = spec.repositories() != null
                    ? RepositorySpecs.upsertAll(repositories, spec.repositories()) : old.repositories();
            return flavours.update(new PlatformFlavour(old.id(), old.name(), repos,
                    spec.modularity() != null ? spec.modularity() : old.modularity(),
                    spec.data() != null ? spec.data() : old.data()));
        });
    }

    private static void validate(PlatformFlavourSpec spec) {
        Problems p = new Problems();
        if (spec == null) {
            p.add("Field required", "missing").throwIfAny();
        }
        if (spec.name() == null) {
            p.add("Field required", "missing", "name");
        } else if (spec.name().isBlank()) {
            p.add("must not be blank", "value_error", "name");
        } else if (spec.name().length() > MAX_NAME) {
            p.add("at most " + MAX_NAME + " characters", "string_too_long", "name");
        } else if (!spec.name().matches("[A-Za-z0-9][A-Za-z0-9._:+-]*")) {
            // ':' as in upstream's reference flavours ("copr:build.almalinux.org:soksanichenko:Pungi")
            p.add("name may hold letters, digits, '.', '_', ':', '+' and '-' only", "value_error", "name");
        }
        RepositorySpecs.validate(p, spec.repositories(), "repositories");
        p.throwIfAny();
    }
}
