package org.chainrule.engine;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Qualifies the {@link java.util.concurrent.Executor} that runs the engine's helper tasks for large
 * matrix products ({@code threads − 1} of them, each until the engine is closed). Bind your own to
 * run them on an application's pool; results are bitwise the same on any executor.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
public @interface WorkerPool {}
