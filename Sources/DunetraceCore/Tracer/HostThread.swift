// A host thread whose creation can fail as the kernel decides: Foundation's Thread.start()
// hides pthread_create's error, and a target thread's clone must return it (EINVAL once the
// process's children go to another pid or time namespace than its threads, EAGAIN at limits).
import Glibc

public enum HostThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `body` on a detached thread; 0, or pthread_create's error number.
    public static func start(stackSize: Int, _ body: @escaping () -> Void) -> Int32 {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attr, stackSize)
        let box = Unmanaged.passRetained(Body(body))
        var thread = pthread_t()
        let made = pthread_create(&thread, &attr, { arg in
            Unmanaged<Body>.fromOpaque(arg!).takeRetainedValue().run()
            return nil
        }, box.toOpaque())
        if made != 0 { box.release() }
        return made
    }
}
