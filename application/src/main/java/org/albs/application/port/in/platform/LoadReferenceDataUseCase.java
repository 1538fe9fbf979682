package org.albs.application.port.in.platform;

import java.util.List;

import org.albs.domain.platform.Platform;

public interface LoadReferenceDataUseCase {
    /** Creates or updates every platform of the operator's reference data, by name, at once; idempotent. */
    List<Platform> loadReferenceData(List<PlatformSpec> specs);
}
