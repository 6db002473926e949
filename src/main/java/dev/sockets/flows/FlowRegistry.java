package dev.sockets.flows;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

import dev.sockets.listener.ListenerId;

/**
 * Registers what each configured listener needs, as beans: its transport, named after it,
 * and its flows, named after it and their role ({@code chat-tls.lines}). The listeners
 * come from configuration, so there is a set of these per listener rather than one per
 * service.
 */
final class FlowRegistry {

	private final ConfigurableListableBeanFactory beans;

	private final IntegrationFlowContext flows;

	FlowRegistry(ConfigurableListableBeanFactory beans, IntegrationFlowContext flows) {
		this.beans = beans;
		this.flows = flows;
	}

	/**
	 * Registers and initializes a listener's transport (which binds its port), before any
	 * flow uses it.
	 */
	<T> T transport(ListenerId id, T transport) {
		String name = id.name() + ".listener";
		this.beans.registerSingleton(name, transport);
		@SuppressWarnings("unchecked")
		T initialized = (T) this.beans.initializeBean(transport, name);
		return initialized;
	}

	/**
	 * Registers one of a listener's flows; it starts with the application, like every
	 * other flow.
	 */
	void flow(ListenerId id, String role, IntegrationFlow flow) {
		this.flows.registration(flow).id(id.name() + "." + role).autoStartup(false).register();
	}

}
