// Fixture binding: the model takes reduction and dims; the binding passes scale as a literal.
at::Tensor reduce_loss(at::Tensor x, std::string reduction, std::vector<int64_t> dims) {
    float scale = 0.5;
    at::Tensor y = torch::empty({1}, x.options());
    EXEC_NPU_CMD(aclnnReduceLoss, x, reduction, dims, scale, y);
    return y;
}
