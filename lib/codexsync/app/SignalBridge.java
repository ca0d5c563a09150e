// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The one use of {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK build): lets the JVM
 * keep running after SIGINT/SIGTERM so a run can stop at a safe point. Reached by reflection so the build stays
 * free of "internal proprietary API" warnings. Returns null when the signal cannot be handled here (a JDK without
 * jdk.unsupported, or a signal the OS lacks); the caller's shutdown hook then covers it.
 */
final class SignalBridge {
    private SignalBridge() {
    }

    static Object handle(String name, Consumer<String> action) {
        try {
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(SignalBridge.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.accept(name);
                            return null;
                        }
                        return method.getDeclaringClass() == Object.class ? objectMethod(proxy, method, args) : null;
                    });
            return install(name, handler);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            return null;
        }
    }

    static void restore(String name, Object previous) {
        if (previous == null) {
            return;
        }
        try {
            install(name, previous);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // Could not restore: the stop flag is already set, so a further signal is merely absorbed.
        }
    }

    private static Object install(String name, Object handler) throws ReflectiveOperationException {
        Class<?> signalType = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        Method handle = signalType.getMethod("handle", signalType, handlerType);
        try {
            return handle.invoke(null, signal, handler);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw e;
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "SignalBridge handler";
        };
    }
}
