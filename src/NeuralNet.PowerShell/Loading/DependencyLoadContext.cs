#if NETCOREAPP
using System.Reflection;
using System.Runtime.Loader;

namespace NeuralNet.PowerShell.Loading
{
    /// <summary>
    /// The load context of the module's own dependencies in the net8.0 build: NeuralNet.Core and what it
    /// references (MathNet.Numerics, Sylvan.Data.Csv, OnnxSharp, Google.Protobuf), loaded from the
    /// build's dependencies folder, which the default context never probes. A session can therefore
    /// hold another version of any of them (Add-Type, another module) in the default context, before or
    /// after the module loads, and both work. Assemblies that are not in the folder (the framework)
    /// come from the default context, so the types the cmdlets and the core share are one type.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        internal DependencyLoadContext(string folder)
            : base("NeuralNet", isCollectible: false)
        {
            _folder = folder;
        }

        internal string Folder => _folder;

        protected override Assembly Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(_folder, assemblyName.Name + ".dll");
            // Null hands the name to the default context: the framework, System.Management.Automation.
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
#endif
