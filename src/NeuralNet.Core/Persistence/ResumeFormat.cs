using NeuralNet.Core.Training;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The "resume" object of a model file (format version 2 on): where an unfinished training call
    /// stood (<see cref="ResumePoint"/>), or null. Every count is checked against the history it belongs to.
    /// </summary>
    internal static class ResumeFormat
    {
        public static void Write(DocumentWriter w, ResumePoint resume)
        {
            if (!w.OpenObject("resume", resume)) return;
            string I(long value) => value.ToString(CultureInfo.InvariantCulture);
            w.Property("shuffleSeedEpoch", I(resume.ShuffleSeedEpoch));
            w.Property("shuffles", I(resume.Shuffles));
            w.Property("scheduleEpoch", I(resume.ScheduleEpoch));
            w.Property("baseLearningRate", Json.Number(resume.BaseLearningRate));
            w.Property("learningRate", Json.Number(resume.LearningRate));
            w.Property("stalled", I(resume.Stalled));
            w.Property("halvings", I(resume.Halvings));
            w.Property("bestLoss", resume.BestLoss.HasValue ? DocumentWriter.NumberOrNull(resume.BestLoss.Value) : "null");
            w.Property("bestEpoch", I(resume.BestEpoch));
            w.Property("epochsWithoutImprovement", I(resume.EpochsWithoutImprovement));
            w.Close('}');
        }

        /// <summary>The resume point of a file whose history ends at epoch <paramref name="epochsTrained"/>, or null.</summary>
        public static ResumePoint Read(DocumentNode node, int epochsTrained, string source)
        {
            if (node.IsNull) return null;
            int shuffleSeedEpoch = node.Field("shuffleSeedEpoch").Int(0, epochsTrained);
            // One shuffle per epoch recorded since: a resumed call replays them, so the bound also bounds that work.
            int shuffles = node.Field("shuffles").Int(0, epochsTrained - shuffleSeedEpoch);
            int scheduleEpoch = node.Field("scheduleEpoch").Int(0, epochsTrained);
            double baseRate = node.Field("baseLearningRate").Number(0, double.MaxValue);
            double rate = node.Field("learningRate").Number(0, double.MaxValue);
            int stalled = node.Field("stalled").Int(0, epochsTrained);
            int halvings = node.Field("halvings").Int(0, Solvers.MiniBatchSolver.MaxLearningRateHalvings);
            var best = node.Field("bestLoss");
            int bestEpoch = node.Field("bestEpoch").Int(0, epochsTrained);
            int without = node.Field("epochsWithoutImprovement").Int(0, epochsTrained);
            return new ResumePoint(shuffleSeedEpoch, shuffles, scheduleEpoch, baseRate, rate, stalled, halvings,
                best.IsNull ? (double?)null : best.Number(), bestEpoch, without);
        }
    }
}
