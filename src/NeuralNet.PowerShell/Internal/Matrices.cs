namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Row-major flat arrays as arrays of rows, the shape PowerShell users index ($w[i][j]).</summary>
    internal static class Matrices
    {
        public static double[][] ToRows(double[] values, int rows, int columns)
        {
            var result = new double[rows][];
            for (int r = 0; r < rows; r++)
            {
                result[r] = new double[columns];
                System.Array.Copy(values, r * columns, result[r], 0, columns);
            }
            return result;
        }
    }
}
