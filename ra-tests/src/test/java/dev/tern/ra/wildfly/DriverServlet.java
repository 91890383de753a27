package dev.tern.ra.wildfly;

import dev.tern.ra.glassfish.Inbox;
import dev.tern.ra.glassfish.Inbox.Delivery;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The test's hands inside WildFly, which runs in another JVM. {@code POST /driver?bean=B&op=M&queue=Q&text=T}
 * calls method {@code M} of the application's session bean {@code B} (found in {@code java:module}) with the
 * queue and text, or with the text only if the queue is empty, and answers what it returns;
 * {@code op=next} and {@code op=all} read the
 * {@link Inbox} that the application's message-driven beans record into, one delivery a line:
 * {@code text TAB redelivered TAB deliveryCount}.
 */
@WebServlet("/driver")
public class DriverServlet extends HttpServlet {

    /** The answer when the bean threw an EJBException (a system exception: its transaction rolled back). */
    static final String SYSTEM_EXCEPTION = "EJBException";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String op = request.getParameter("op");
        String listener = request.getParameter("listener");
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        try {
            switch (op) {
                case "next" -> {
                    Delivery delivery = Inbox.next(listener, Duration.ofMillis(Long.parseLong(request.getParameter("timeoutMillis"))));
                    if (delivery != null) {
                        out.println(line(delivery));
                    }
                }
                case "all" -> Inbox.all(listener).forEach(delivery -> out.println(line(delivery)));
                default -> {
                    Object result = invoke(request.getParameter("bean"), op, request.getParameter("queue"), request.getParameter("text"));
                    if (result != null) {
                        out.print(result);
                    }
                }
            }
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof EJBException)) {
                throw new IllegalStateException(e.getCause());
            }
            out.print(SYSTEM_EXCEPTION);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    private static Object invoke(String beanName, String method, String queue, String text) throws InvocationTargetException {
        try {
            Object bean = new InitialContext().lookup("java:module/" + beanName);
            if (queue == null || queue.isEmpty()) {
                return bean.getClass().getMethod(method, String.class).invoke(bean, text);
            }
            return bean.getClass().getMethod(method, String.class, String.class).invoke(bean, queue, text);
        } catch (NamingException | ReflectiveOperationException e) {
            if (e instanceof InvocationTargetException target) {
                throw target;
            }
            throw new IllegalStateException("Cannot call " + beanName + "." + method, e);
        }
    }

    private static String line(Delivery delivery) {
        return String.join("\t", delivery.text(), String.valueOf(delivery.redelivered()), String.valueOf(delivery.deliveryCount()));
    }

    /** Parses what {@link #line} wrote. */
    static List<Delivery> parse(String body) {
        return body.lines().filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1))
                .map(f -> new Delivery(f[0], Boolean.parseBoolean(f[1]), Integer.parseInt(f[2]), "wildfly"))
                .toList();
    }
}
