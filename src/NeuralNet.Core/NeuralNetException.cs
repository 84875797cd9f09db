namespace NeuralNet.Core
{
    /// <summary>What kind of mistake an error reports; the cmdlet layer maps it to an ErrorCategory.</summary>
    public enum ErrorKind
    {
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        InvalidResult,
        /// <summary>The object is in use by another thread.</summary>
        ResourceBusy,
        /// <summary>A file or folder the operation needs is not there.</summary>
        ObjectNotFound,
        /// <summary>Something is already there that the operation will not replace.</summary>
        ResourceExists,
        PermissionDenied,
        /// <summary>Writing a file failed (a full disk, an I/O error).</summary>
        WriteError,
        /// <summary>This platform or version cannot do it.</summary>
        NotImplemented,
        NotSpecified,
    }

    /// <summary>
    /// An error the user can act on: a stable id (tests and scripts match on it), a kind, and where
    /// applicable the 1-based row and the column at fault. The message says what, where and how to fix.
    /// </summary>
    public sealed class NeuralNetException : Exception
    {
        public NeuralNetException(string errorId, ErrorKind kind, string message, int? row = null, string column = null)
            : base(message)
        {
            ErrorId = errorId;
            Kind = kind;
            Row = row;
            Column = column;
        }

        /// <summary>Stable identifier, e.g. <c>FeatureCountMismatch</c>.</summary>
        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        /// <summary>1-based row number of the offending input row, when the error is about one row.</summary>
        public int? Row { get; }

        /// <summary>Name of the offending column (property), when the error is about one column.</summary>
        public string Column { get; }
    }
}
