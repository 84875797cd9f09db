#if NETCOREAPP
using System.Reflection;
using System.Runtime.Loader;

namespace NeuralNet.PowerShell.Loading
{
    /// <summary>
    /// Makes the default load context, where PowerShell loads this assembly, find NeuralNet.Core in the
    /// module's own <see cref="DependencyLoadContext"/> (net8.0 build). The core is the bridge between
    /// the two contexts: the cmdlets use its types, and its own dependencies resolve inside the module's
    /// context only. This is the pattern of Microsoft's "Resolving PowerShell module assembly dependency
    /// conflicts", with one difference: NeuralNet.psm1 calls <see cref="Register"/> before it imports
    /// the cmdlets, not an IModuleAssemblyInitializer, because PowerShell reads the assembly's exported
    /// types (whose properties have the core's enum types) before it runs an initializer.
    /// </summary>
    public static class DependencyResolution
    {
        internal const string CoreAssemblyName = "NeuralNet.Core";
        internal const string FolderName = "dependencies";

        private static readonly object Gate = new object();
        private static DependencyLoadContext _context;

        /// <summary>
        /// Creates the module's load context over the dependencies folder beside this assembly and
        /// answers the default context's requests for NeuralNet.Core from it. Idempotent: every import
        /// (each runspace, -Force) calls it, and the first one does the work. The handler and the
        /// context stay for the life of the process, as loaded assemblies do.
        /// </summary>
        public static void Register()
        {
            lock (Gate)
            {
                if (_context != null) return;
                string folder = Path.Combine(Path.GetDirectoryName(typeof(DependencyResolution).Assembly.Location), FolderName);
                _context = new DependencyLoadContext(folder);
                AssemblyLoadContext.Default.Resolving += ResolveCore;
            }
        }

        // Only the core's name: anything else the default context cannot find is not the module's to
        // answer (a user's own MathNet.Numerics must never be handed the module's copy).
        private static Assembly ResolveCore(AssemblyLoadContext context, AssemblyName name)
            => name.Name == CoreAssemblyName ? _context.LoadFromAssemblyName(name) : null;
    }
}
#endif
