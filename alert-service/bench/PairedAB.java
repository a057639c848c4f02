import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Paired A/B of two builds of the matcher in one JVM (see paired-ab.sh): each build in its own class
 * loader, passes over the benchmark's articles taken in turn (A B B A ...), and the ratio of each pair.
 * Usage: java PairedAB.java classpathA classpathB subscriptions rounds [warm-up CPU-seconds per side, 20]
 */
public class PairedAB {
    public static void main(String[] args) throws Exception {
        Object[] sides = new Object[2];
        Method[] pass = new Method[2];
        int articles = 0;
        for (int s = 0; s < 2; s++) {
            List<URL> urls = new ArrayList<>();
            for (String entry : Files.readString(Path.of(args[s])).strip().split(":")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass("io.newsalert.alert.match.PairedPass");
            Constructor<?> make = type.getConstructor(int.class);
            Thread.currentThread().setContextClassLoader(loader);
            sides[s] = make.newInstance(Integer.parseInt(args[2]));
            pass[s] = type.getMethod("pass");
            articles = (int) type.getMethod("articles").invoke(sides[s]);
        }
        int rounds = Integer.parseInt(args[3]);
        // Warm-up, in turn, until each side has had three passes and warmupSeconds of CPU: the C2
        // compiler takes several seconds over the matching path, and pairs taken before it is done
        // compare how far it got on each side (three passes were too few at 100,000 subscriptions).
        double warmupSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 20;
        double[] warmed = new double[2];
        for (int i = 0; i < 3 || warmed[0] < warmupSeconds || warmed[1] < warmupSeconds; i++) {
            for (int s = 0; s < 2; s++) {
                warmed[s] += ((long[]) pass[s].invoke(sides[s]))[0] / 1e9;
            }
        }
        double[] ratios = new double[rounds];
        double[][] rates = new double[2][rounds];
        long[] matches = new long[2];
        for (int r = 0; r < rounds; r++) {
            // Alternate which goes first, so that neither always follows the other.
            int first = r % 2;
            long[][] got = new long[2][];
            got[first] = (long[]) pass[first].invoke(sides[first]);
            got[1 - first] = (long[]) pass[1 - first].invoke(sides[1 - first]);
            for (int s = 0; s < 2; s++) {
                rates[s][r] = articles / (got[s][0] / 1e9);
                matches[s] = got[s][1];
            }
            ratios[r] = rates[1][r] / rates[0][r];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf("paired A/B, %s subscriptions, %d rounds of one pass each (%d articles), matches A %d B %d%n", args[2], rounds,
                articles, matches[0], matches[1]);
        System.out.printf("A art/CPU-s: median %.0f (best %.0f)%nB art/CPU-s: median %.0f (best %.0f)%n", median(rates[0]), max(rates[0]),
                median(rates[1]), max(rates[1]));
        System.out.printf("B/A per pair: median %.3f, quartiles %.3f-%.3f, min %.3f, max %.3f%n", sorted[rounds / 2], sorted[rounds / 4],
                sorted[3 * rounds / 4], sorted[0], sorted[rounds - 1]);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }
}
