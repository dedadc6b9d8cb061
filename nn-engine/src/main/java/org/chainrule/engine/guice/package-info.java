/**
 * Chainrule's Guice module, for applications that build their own Guice injector: install {@link
 * org.chainrule.engine.guice.ChainruleModule} and override its bindings ({@link
 * org.chainrule.engine.guice.WorkerPool}) as any module's. Applications that do not use Guice use
 * {@link org.chainrule.engine.Chainrule#builder()} and never see this package.
 */
package org.chainrule.engine.guice;
