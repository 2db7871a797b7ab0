extension NetworkTrainer {
    /// The network's outputs for one contiguous row, with the kernels (hence the results)
    /// of training: ReLU after every layer but the last, which is left linear (logits for a
    /// classifier, the prediction for a regressor).
    ///
    /// - Parameters:
    ///   - row: `layerSizes[0]` values.
    ///   - weights: per layer, row-major `layerSizes[l] × layerSizes[l + 1]`.
    ///   - biases: per layer, `layerSizes[l + 1]` values.
    static func outputs(
        of row: UnsafeBufferPointer<Float>, layerSizes: [Int], weights: [[Float]], biases: [[Float]]
    ) -> [Float] {
        var input = Array(row)
        for layer in 0..<weights.count {
            let inputs = layerSizes[layer]
            let outputs = layerSizes[layer + 1]
            var output = [Float](repeating: 0, count: outputs)
            input.withUnsafeBufferPointer { x in
                weights[layer].withUnsafeBufferPointer { w in
                    biases[layer].withUnsafeBufferPointer { b in
                        output.withUnsafeMutableBufferPointer { y in
                            Matrix.multiply(x.baseAddress!, w.baseAddress!, into: y.baseAddress!, m: 1, k: inputs, n: outputs)
                            Matrix.addRow(b.baseAddress!, to: y.baseAddress!, rows: 1, columns: outputs)
                            if layer < weights.count - 1 { Matrix.relu(y.baseAddress!, count: outputs) }
                        }
                    }
                }
            }
            input = output
        }
        return input
    }
}
