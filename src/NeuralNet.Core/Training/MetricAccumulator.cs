namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Accumulates an epoch's metric batch by batch, with no allocation: accuracy (share of correct
    /// class predictions, averaged over class targets) or R² (1 − SSE/SST, pooled over outputs).
    /// </summary>
    public sealed class MetricAccumulator
    {
        private readonly bool _isClassification;
        private readonly OutputGroup[] _groups;
        private readonly double[] _targetMean;
        /// <summary>Regression only: every output is a value (one per group), read as a plain rows × width grid.</summary>
        private readonly bool _valuesOnly;
        private long _correct;
        private long _count;
        private double _residual;
        private double _total;

        /// <param name="layout">How outputs group into targets.</param>
        /// <param name="targetMean">For R², each output's mean target over the data the metric covers.</param>
        public MetricAccumulator(OutputLayout layout, double[] targetMean)
        {
            _isClassification = layout.IsClassification;
            _groups = System.Linq.Enumerable.ToArray(layout.Groups);
            _targetMean = targetMean;
            _valuesOnly = System.Linq.Enumerable.All(_groups, g => g.Kind == OutputKind.Value);
        }

        [MethodImpl(Hot.Optimize)]
        public void Reset()
        {
            _correct = 0;
            _count = 0;
            _residual = 0;
            _total = 0;
        }

        /// <summary>Adds <paramref name="rows"/> rows of outputs (rows × width) and targets.</summary>
        [MethodImpl(Hot.Optimize)]
        public void Add(double[] outputs, double[] targets, int rows, int width)
        {
            if (_valuesOnly)
            {
                AddValues(outputs, targets, rows, width);
                return;
            }
            for (int r = 0; r < rows; r++)
            {
                int o = r * width;
                for (int g = 0; g < _groups.Length; g++)
                {
                    var group = _groups[g];
                    if (group.Kind == OutputKind.Value)
                    {
                        int j = o + group.Offset;
                        double d = targets[j] - outputs[j];
                        double t = targets[j] - _targetMean[group.Offset];
                        _residual += d * d;
                        _total += t * t;
                    }
                    else
                    {
                        if (group.PredictedClass(outputs, o) == group.PredictedClass(targets, o)) _correct++;
                        _count++;
                    }
                }
            }
        }

        [MethodImpl(Hot.Optimize)]
        private void AddValues(double[] outputs, double[] targets, int rows, int width)
        {
            double residual = 0, total = 0;
            for (int r = 0, o = 0; r < rows; r++)
            {
                for (int j = 0; j < width; j++, o++)
                {
                    double d = targets[o] - outputs[o];
                    double t = targets[o] - _targetMean[j];
                    residual += d * d;
                    total += t * t;
                }
            }
            _residual += residual;
            _total += total;
        }

        public double? Value
        {
            [MethodImpl(Hot.Optimize)]
            get
            {
                if (_isClassification) return _count == 0 ? (double?)null : (double)_correct / _count;
                return _total > 0 ? 1.0 - _residual / _total : (double?)null;
            }
        }

        /// <summary>Each output's mean over the rows of a data set (rows × width).</summary>
        [MethodImpl(Hot.Optimize)]
        public static double[] ColumnMeans(double[] values, int rows, int width)
        {
            var mean = new double[width];
            if (values == null || rows == 0) return mean;
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < width; j++) mean[j] += values[r * width + j];
            for (int j = 0; j < width; j++) mean[j] /= rows;
            return mean;
        }
    }
}
