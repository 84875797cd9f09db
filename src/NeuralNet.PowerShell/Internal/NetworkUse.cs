using System;
using System.Management.Automation;
using System.Threading;
using NeuralNet.Core.Model;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Holds a network while it is read whole (saved, drawn, serialized). Training holds the same lock
    /// (the monitor of the model) for its whole run and changes weights and history in place, so a reader
    /// either has the network to itself or stops at once with NetworkBusy: never a half-updated network,
    /// never "Collection was modified". Dispose releases it.
    /// </summary>
    internal readonly struct NetworkUse : IDisposable
    {
        private readonly NeuralNetworkModel _model;

        private NetworkUse(NeuralNetworkModel model)
        {
            _model = model;
        }

        /// <summary>Holds the network, or stops the cmdlet with NetworkBusy; <paramref name="action"/> says what to do "before or after that training", e.g. "export it".</summary>
        public static NetworkUse Begin(PSCmdlet cmdlet, NeuralNetwork network, string action)
        {
            if (!Monitor.TryEnter(network.Model))
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("NetworkBusy", ErrorCategory.ResourceBusy, BusyMessage(action), network));
            return new NetworkUse(network.Model);
        }

        /// <summary>For property getters, which cannot write ErrorRecords: holds the network or throws InvalidOperationException.</summary>
        public static NetworkUse Begin(NeuralNetworkModel model, string action)
        {
            if (!Monitor.TryEnter(model)) throw new InvalidOperationException(BusyMessage(action));
            return new NetworkUse(model);
        }

        public void Dispose() => Monitor.Exit(_model);

        private static string BusyMessage(string action) =>
            $"This network is being trained by another thread; {action} before or after that training, or train a copy (Copy-NeuralNetwork).";
    }
}
