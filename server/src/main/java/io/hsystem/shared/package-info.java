/**
 * What every module shares: the problem (error) model, paging, time formatting, the clock, and the
 * security vocabulary (permissions, the current user). Nothing here knows about a feature.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.hsystem.shared;

import org.springframework.modulith.ApplicationModule;
