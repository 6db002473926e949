package dev.sockets.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import dev.sockets.listener.ListenerId;

/**
 * Listeners that can all start together: no two enabled listeners of one protocol on the same port,
 * and a framing every service understands.
 */
@Documented
@Constraint(validatedBy = ValidListeners.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidListeners {

	String message() default "invalid listeners";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<ValidListeners, SocketsProperties> {

		@Override
		public boolean isValid(SocketsProperties sockets, ConstraintValidatorContext context) {
			if (sockets == null) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			boolean valid = true;
			Map<Integer, ListenerId> tcpPorts = new HashMap<>();
			for (var listener : sockets.tcpListeners().entrySet()) {
				if (listener.getValue().enabled()) {
					valid &= distinct(listener.getKey(), listener.getValue().port(), tcpPorts, context);
				}
			}
			Map<Integer, ListenerId> udpPorts = new HashMap<>();
			for (var listener : sockets.udpListeners().entrySet()) {
				if (listener.getValue().enabled()) {
					valid &= distinct(listener.getKey(), listener.getValue().port(), udpPorts, context);
				}
			}
			if (sockets.chat().tcp().framing() == Framing.RAW) {
				violation(context, "chat.tcp.framing", "chat is line-based: use lf or crlf");
				valid = false;
			}
			return valid;
		}

		private boolean distinct(ListenerId id, int port, Map<Integer, ListenerId> taken,
				ConstraintValidatorContext context) {
			if (port == 0) {
				return true;
			}
			ListenerId other = taken.putIfAbsent(port, id);
			if (other == null) {
				return true;
			}
			violation(context, id.service() + "." + id.protocol().id() + ".port", id.protocol().name() + " port "
					+ port + " is already used by " + other.propertyPrefix() + ".port; give each listener its own port");
			return false;
		}

		private static void violation(ConstraintValidatorContext context, String path, String message) {
			String[] names = path.split("\\.");
			var node = context.buildConstraintViolationWithTemplate(message).addPropertyNode(names[0]);
			for (int i = 1; i < names.length; i++) {
				node = node.addPropertyNode(names[i]);
			}
			node.addConstraintViolation();
		}

	}

}
