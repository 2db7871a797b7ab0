import SentinelCore

extension NetworkTrainer {
    /// What a training run leaves: the kept weights and the loss curves.
    struct Outcome {
        /// The kept weights, one array per layer.
        var weights: [[Float]]
        /// The kept biases, one array per layer.
        var biases: [[Float]]
        /// The mean training loss (with the L2 term) of each epoch run.
        var losses: [Double]
        /// The mean validation loss after each epoch (empty without early stopping).
        var validationLosses: [Double]
        /// The epoch (from 1) whose weights were kept.
        var bestEpoch: Int
    }

    /// Trains a network from the given starting weights: shuffled mini-batches of
    /// `trainRows`, one Adam step each, and with early stopping the validation loss of
    /// `validationRows` after every epoch, keeping the best epoch's weights once it stalls
    /// for `settings.patience` epochs.
    ///
    /// The classifier and the regressor both train here; only the objective and the rows
    /// differ.
    ///
    /// - Parameters:
    ///   - values: the rows, row-major, `layerSizes[0]` values each.
    ///   - supervision: a label or a target per row, matching `objective`.
    ///   - settings: learning rate, Adam's constants, batch size, L2, epochs, patience and
    ///     tolerance (already validated).
    ///   - shuffler: the generator of every epoch's batch order.
    /// - Throws: ``MultilayerPerceptronError/diverged(epoch:)`` when an epoch's loss is not
    ///   finite.
    static func fit(
        layerSizes: [Int], weights: [[Float]], biases: [[Float]], objective: Objective,
        values: UnsafeBufferPointer<Float>, supervision: Supervision,
        trainRows initialOrder: [Int], validationRows: [Int],
        settings: MultilayerPerceptron.Hyperparameters, shuffler: inout SplitMix64
    ) throws(MultilayerPerceptronError) -> Outcome {
        var trainRows = initialOrder
        let batchSize = min(settings.batchSize, trainRows.count)
        let trainer = NetworkTrainer(
            layerSizes: layerSizes, weights: weights, biases: biases,
            capacity: max(batchSize, min(validationRows.count, 1024)), objective: objective)
        var losses: [Double] = []
        var validationLosses: [Double] = []
        var best = (loss: Double.infinity, epoch: 0, weights: weights, biases: biases)
        var stalled = 0

        for epoch in 1...settings.maxEpochs {
            shuffler.shuffle(&trainRows)
            var total = 0.0
            var start = 0
            while start < trainRows.count {
                let end = min(start + batchSize, trainRows.count)
                trainer.load(rows: trainRows[start..<end], values: values, supervision: supervision)
                total += trainer.computeGradients(count: end - start, alpha: settings.alpha) * Double(end - start)
                trainer.adamStep(
                    learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2,
                    epsilon: settings.epsilon)
                start = end
            }
            let loss = total / Double(trainRows.count)
            guard loss.isFinite else { throw .diverged(epoch: epoch) }
            losses.append(loss)
            guard settings.earlyStopping else { continue }

            var validationTotal = 0.0
            start = 0
            while start < validationRows.count {
                let end = min(start + trainer.capacity, validationRows.count)
                trainer.load(rows: validationRows[start..<end], values: values, supervision: supervision)
                validationTotal += trainer.summedLoss(count: end - start)
                start = end
            }
            let validationLoss = validationTotal / Double(validationRows.count)
            validationLosses.append(validationLoss)
            if validationLoss < best.loss - settings.tolerance {
                best = (validationLoss, epoch, trainer.currentWeights(), trainer.currentBiases())
                stalled = 0
            } else {
                stalled += 1
                if stalled >= settings.patience { break }
            }
        }

        if settings.earlyStopping && best.epoch > 0 {
            return Outcome(
                weights: best.weights, biases: best.biases, losses: losses, validationLosses: validationLosses,
                bestEpoch: best.epoch)
        }
        return Outcome(
            weights: trainer.currentWeights(), biases: trainer.currentBiases(), losses: losses,
            validationLosses: validationLosses, bestEpoch: losses.count)
    }
}
