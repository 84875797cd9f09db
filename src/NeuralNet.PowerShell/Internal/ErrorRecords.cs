namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Turns the core's errors into ErrorRecords with the same stable id and a fitting category.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(NeuralNetException exception, object target)
        {
            return new ErrorRecord(Wrap(exception), exception.ErrorId, Category(exception.Kind), target);
        }

        public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object target)
        {
            return new ErrorRecord(new ArgumentException(message), errorId, category, target);
        }

        /// <summary>Holds a network alone for a cmdlet that changes it (<see cref="NeuralNetworkModel.Acquire"/>), or stops with NetworkBusy naming it.</summary>
        public static NeuralNetworkModel.Lease Hold(PSCmdlet cmdlet, NeuralNetwork network, string whatToDo) => Hold(cmdlet, network, () => network.Model.Acquire(whatToDo));

        /// <summary>Holds a network for a cmdlet that only reads it (<see cref="NeuralNetworkModel.AcquireShared"/>): other readers may hold it too.</summary>
        public static NeuralNetworkModel.Lease HoldShared(PSCmdlet cmdlet, NeuralNetwork network, string whatToDo) => Hold(cmdlet, network, () => network.Model.AcquireShared(whatToDo));

        private static NeuralNetworkModel.Lease Hold(PSCmdlet cmdlet, NeuralNetwork network, Func<NeuralNetworkModel.Lease> acquire)
        {
            try
            {
                return acquire();
            }
            catch (NeuralNetException e)
            {
                cmdlet.ThrowTerminatingError(From(e, network));
                return default;
            }
        }

        /// <summary>For cmdlets that need a network whose sizes the first training has fixed.</summary>
        public static ErrorRecord NotTrained(NeuralNetwork network) =>
            Create("NetworkNotTrained", ErrorCategory.InvalidOperation,
                $"The network {network.Layers} has not been trained yet, so its input and output sizes are unknown. Train it with Invoke-NetworkTraining first.",
                network);

        public static ErrorCategory Category(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorKind.InvalidResult: return ErrorCategory.InvalidResult;
                case ErrorKind.ResourceBusy: return ErrorCategory.ResourceBusy;
                case ErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.ResourceExists: return ErrorCategory.ResourceExists;
                case ErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case ErrorKind.WriteError: return ErrorCategory.WriteError;
                case ErrorKind.NotImplemented: return ErrorCategory.NotImplemented;
                default: return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>A .NET exception type that matches the category, carrying the core's message.</summary>
        private static Exception Wrap(NeuralNetException exception)
        {
            switch (exception.Kind)
            {
                case ErrorKind.InvalidArgument: return new ArgumentException(exception.Message, exception);
                case ErrorKind.InvalidOperation: return new InvalidOperationException(exception.Message, exception);
                default: return new InvalidOperationException(exception.Message, exception);
            }
        }
    }
}
