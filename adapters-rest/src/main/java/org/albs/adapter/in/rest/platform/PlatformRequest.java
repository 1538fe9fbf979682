package org.albs.adapter.in.rest.platform;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.platform.PlatformSpec;
import org.albs.application.port.in.platform.RepositorySpec;

/** Upstream PlatformCreate / PlatformModify; also the shape of one entry of the reference-data file. */
@RegisterForReflection
public record PlatformRequest(String name, String type, String distrType, String distrVersion, String testDistName,
                              String contactMail, String copyright, String pgpKey, Integer priority,
                              List<String> archList, List<String> copyPriorityArches, List<Object> weakArchList,
                              @JsonAlias("repositories") List<RepositoryRequest> repos, Map<String, Object> data,
                              Map<String, Object> modularity, Boolean isReference, List<String> referencePlatforms) {

    @RegisterForReflection
    public record RepositoryRequest(String name, String arch, String url, String type, Boolean debug,
                                    Integer priority, Boolean production, Boolean mockEnabled, String exportPath,
                                    String pulpHref) {
        RepositorySpec toSpec() {
            return new RepositorySpec(name, arch, url, type, debug, priority, production, mockEnabled, exportPath,
                    pulpHref);
        }
    }

    public PlatformSpec toSpec() {
        return new PlatformSpec(name, type, distrType, distrVersion, testDistName, contactMail, copyright, pgpKey,
                priority, archList, copyPriorityArches, weakArchList,
                repos == null ? null : repos.stream().map(r -> r == null ? null : r.toSpec()).toList(),
                data, modularity, isReference, referencePlatforms);
    }
}
